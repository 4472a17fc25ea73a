package io.palisade.lifecycle;

import io.palisade.core.CoreTestApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Core's beans with the real clock (not {@link CoreTestApplication}'s frozen one, since clawbacks wait on real
 * Retry-After pauses) and the in-memory mail platform every lifecycle test shares.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
        basePackages = {"io.palisade.core", "io.palisade.lifecycle"},
        excludeFilters = {
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
            @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = CoreTestApplication.class)
        })
public class LifecycleTestApplication {

    @Bean
    LifecyclePlatform lifecyclePlatform() {
        return new LifecyclePlatform();
    }

    @Bean
    RemoteVerdicts remoteVerdicts() {
        return new RemoteVerdicts();
    }
}
