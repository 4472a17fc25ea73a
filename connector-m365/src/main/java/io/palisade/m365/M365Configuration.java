package io.palisade.m365;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The connector's Spring set-up, found by the application's component scan of {@code io.palisade}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(M365Properties.class)
public class M365Configuration {}
