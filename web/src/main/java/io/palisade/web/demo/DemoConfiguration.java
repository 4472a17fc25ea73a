package io.palisade.web.demo;

import io.palisade.m365.M365Properties;
import io.palisade.m365.graph.GraphTrust;
import io.palisade.simulator.Simulator;
import io.palisade.simulator.SimulatorConfig;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.traffic.MailboxDirectory;
import io.palisade.simulator.traffic.ReceivingPlatform;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Starts the simulated tenant when the demo mode is on and no Microsoft 365 app is configured, and points the
 * Microsoft 365 connector at it: Graph base URL, authority host, TLS trust and the app's credentials are the
 * simulator's, everything else is the product as it serves a real tenant.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DemoModeCondition.class)
@EnableConfigurationProperties(DemoProperties.class)
public class DemoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DemoConfiguration.class);

    @Bean(destroyMethod = "close")
    Simulator demoSimulator(DemoProperties properties) {
        Simulator simulator = Simulator.start(
                SimulatorConfig.defaults().withSeed(properties.seed()).withHttpNotificationUrls(true));
        LOG.warn(
                "event=demo_mode_on simulator={} note=\"no Microsoft 365 app is configured: serving a simulated"
                        + " tenant; set palisade.m365.client-id or PALISADE_DEMO_ENABLED=false to switch it off\"",
                simulator.httpBaseUrl());
        return simulator;
    }

    @Bean
    DemoTenant demoTenant(Simulator simulator, DemoProperties properties) {
        SimTenant tenant = simulator.control().createTenant(properties.domain());
        MailboxDirectory directory = MailboxDirectory.generated(
                properties.domain(), ReceivingPlatform.MICROSOFT_365, properties.mailboxes());
        directory
                .mailboxes()
                .forEach(m -> simulator.control().createMailbox(tenant.tenantId(), m.address(), m.displayName()));
        return new DemoTenant(tenant, directory);
    }

    @Bean
    @Primary
    M365Properties demoM365Properties(
            Simulator simulator, DemoTenant tenant, @Value("${server.port:8080}") int serverPort) {
        URI webhook = URI.create("http://localhost:" + serverPort + "/webhooks/m365");
        return new M365Properties(
                tenant.tenant().clientId(),
                tenant.tenant().clientSecret(),
                URI.create(simulator.graphBaseUrl()),
                URI.create(simulator.authorityHost()),
                webhook,
                null,
                Duration.ofDays(3));
    }

    @Bean
    GraphTrust demoGraphTrust(Simulator simulator) {
        return new GraphTrust(simulator.sslContext(), simulator.trustManager());
    }
}
