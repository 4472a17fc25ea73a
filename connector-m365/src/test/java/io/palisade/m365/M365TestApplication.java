package io.palisade.m365;

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

    @Bean
    TestWebhookEndpoint testWebhookEndpoint(NotificationIntake intake) {
        return new TestWebhookEndpoint(intake);
    }
}
