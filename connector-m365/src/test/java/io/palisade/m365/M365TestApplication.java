package io.palisade.m365;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.m365.graph.GraphTrust;
import io.palisade.m365.notify.NotificationIntake;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The connector's tests start core and the connector on the shared test database, against the shared simulator. */
@SpringBootApplication(scanBasePackages = "io.palisade")
public class M365TestApplication {

    @Bean
    GraphTrust graphTrust() {
        return new GraphTrust(
                SharedSimulator.get().sslContext(), SharedSimulator.get().trustManager());
    }

    /** The registry the connector's meters go to, as the service's Prometheus registry in production. */
    @Bean
    SimpleMeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    /** On the port of the configured notification URL: each test context has its own. */
    @Bean
    TestWebhookEndpoint testWebhookEndpoint(NotificationIntake intake, M365Properties properties) {
        return new TestWebhookEndpoint(intake, properties.notificationUrl().getPort());
    }
}
