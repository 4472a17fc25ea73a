package io.palisade.m365.notify;

import io.palisade.m365.M365TestApplication;
import io.palisade.m365.SharedSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests with rich notifications enabled: the connector's test context against the shared simulator, with
 * a keystore made at test time, and a webhook endpoint of its own (the plain context keeps its port). Validation
 * tokens are checked against the simulator's published keys, found from the authority host.
 *
 * <p>The context tells time by the simulator's clock, as a deployment shares Microsoft's time: other test classes
 * move the shared simulator's clock forward (hour-long outages, expired tokens), and validation tokens it issues
 * then are not yet valid by the machine's clock. Tests compare with {@link #simNow()} for the same reason.
 */
@SpringBootTest(classes = M365TestApplication.class)
@Import(RichM365IntegrationTest.SimulatorTime.class)
public abstract class RichM365IntegrationTest {

    /** The simulator's clock as the context's clock. */
    @TestConfiguration
    static class SimulatorTime {
        @Bean
        @Primary
        Clock simulatorClock() {
            return SharedSimulator.get().state().clock();
        }
    }

    /** Now, by the simulator's clock. */
    protected static Instant simNow() {
        return SharedSimulator.get().state().clock().instant();
    }

    /** The certificate id the rich context subscribes with. */
    public static final String CERTIFICATE_ID = "palisade-rich-test";

    private static final int WEBHOOK_PORT = freePort();

    @DynamicPropertySource
    static void pointAtTheSimulatorWithRichNotifications(DynamicPropertyRegistry registry) {
        registry.add("palisade.m365.client-id", () -> SharedSimulator.app().clientId());
        registry.add("palisade.m365.client-secret", () -> SharedSimulator.app().clientSecret());
        registry.add("palisade.m365.graph-base-url", () -> SharedSimulator.get().graphBaseUrl());
        registry.add("palisade.m365.authority-host", () -> SharedSimulator.get().authorityHost());
        registry.add("palisade.m365.chat.max-file-bytes", () -> "1048576");
        registry.add("palisade.m365.notification-url", () -> "http://localhost:" + WEBHOOK_PORT + "/webhooks/m365");
        registry.add("palisade.m365.rich-notifications.enabled", () -> "true");
        registry.add(
                "palisade.m365.rich-notifications.keystore",
                () -> TestKeystores.shared().toString());
        registry.add("palisade.m365.rich-notifications.keystore-password", () -> TestKeystores.PASSWORD);
        registry.add("palisade.m365.rich-notifications.certificate-id", () -> CERTIFICATE_ID);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
