package io.palisade.m365;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the connector's tests against the simulator through the real Graph SDK: core and the connector in one
 * Spring context, shared by every subclass, on the shared test database.
 */
@SpringBootTest(classes = M365TestApplication.class)
public abstract class M365IntegrationTest {

    @DynamicPropertySource
    static void pointAtTheSimulator(DynamicPropertyRegistry registry) {
        registry.add("palisade.m365.client-id", () -> SharedSimulator.app().clientId());
        registry.add("palisade.m365.client-secret", () -> SharedSimulator.app().clientSecret());
        registry.add("palisade.m365.graph-base-url", () -> SharedSimulator.get().graphBaseUrl());
        registry.add("palisade.m365.authority-host", () -> SharedSimulator.get().authorityHost());
        // Small enough for a test to post a file over it.
        registry.add("palisade.m365.chat.max-file-bytes", () -> "1048576");
        registry.add(
                "palisade.m365.notification-url",
                () -> "http://localhost:" + SharedSimulator.webhookPort() + "/webhooks/m365");
    }
}
