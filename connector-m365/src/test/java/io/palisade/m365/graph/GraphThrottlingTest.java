package io.palisade.m365.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MessageRef;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.OnboardedTenant;
import io.palisade.m365.SharedSimulator;
import io.palisade.m365.mail.M365MailboxConnector;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.simulator.control.Fault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Graph's throttling and outages, injected by the simulator, meet Retry-After, permits and the circuit breaker. */
class GraphThrottlingTest extends M365IntegrationTest {

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    M365MailboxConnector connector;

    @Autowired
    GraphThrottle throttle;

    static OnboardedTenant tenant;
    static OnboardedTenant outage;

    @BeforeEach
    void onboardOnce() throws Exception {
        synchronized (GraphThrottlingTest.class) {
            if (tenant == null) {
                tenant = OnboardedTenant.create("throttled.example", null, onboarding, mailboxes);
                outage = OnboardedTenant.create("outage.example", null, onboarding, mailboxes);
            }
        }
    }

    @AfterEach
    void clearFaults() {
        SharedSimulator.control().clearFaults();
    }

    @Test
    void aShortThrottleIsRiddenOutWithinTheCall() throws Exception {
        MessageRef ref = deliver(tenant);
        SharedSimulator.control().addFault(Fault.throttle(2, 1).onPathsContaining("/$value"));

        assertThat(new String(connector.fetchMime(ref), StandardCharsets.UTF_8)).contains("Message-ID");
    }

    @Test
    void aLongThrottleReturnsToTheQueueWithGraphsRetryAfter() {
        MessageRef ref = deliver(tenant);
        SharedSimulator.control().addFault(Fault.throttle(5, 120).onPathsContaining("/$value"));

        assertThatThrownBy(() -> connector.fetchMime(ref)).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
        });
    }

    @Test
    void neverMoreThanFourRequestsAreInFlightForOneMailbox() throws Exception {
        List<MessageRef> refs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            refs.add(deliver(tenant));
        }
        SharedSimulator.control().addFault(Fault.latency(12, 300).onPathsContaining("/$value"));
        AtomicInteger highest = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(13)) {
            List<Future<byte[]>> fetches = new ArrayList<>();
            refs.forEach(ref -> fetches.add(pool.submit(() -> connector.fetchMime(ref))));
            while (fetches.stream().anyMatch(f -> !f.isDone())) {
                highest.accumulateAndGet(throttle.inFlight(tenant.alice().id()), Math::max);
                Thread.sleep(5);
            }
            for (Future<byte[]> fetch : fetches) {
                assertThat(fetch.get()).isNotEmpty();
            }
        }
        assertThat(highest.get()).isBetween(2, 4);
    }

    @Test
    void aGraphOutageOpensTheCircuitSoCallsFailFastWithoutReachingGraph() {
        MessageRef ref = deliver(outage);
        SharedSimulator.control().addFault(Fault.serverError(-1, 503).onPathsContaining("/$value"));

        ConnectorException last = null;
        for (int i = 0; i < 6 && (last == null || !last.getMessage().contains("circuit open")); i++) {
            try {
                connector.fetchMime(ref);
            } catch (ConnectorException e) {
                assertThat(e.isRetryable()).isTrue();
                last = e;
            }
        }

        assertThat(last).isNotNull();
        assertThat(last.getMessage()).contains("circuit open");
        assertThat(last.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
    }

    private static MessageRef deliver(OnboardedTenant into) {
        String mime = """
                From: "Erin Brooks" <erin.brooks@fabrikam.example>
                To: alice@throttled.example
                Subject: Stock levels
                Message-ID: <%s@fabrikam.example>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                The stock levels are as expected.
                """.formatted(UUID.randomUUID()).replace("\n", "\r\n");
        String id = SharedSimulator.control()
                .deliver(into.sim().tenantId(), into.alice().id(), mime.getBytes(StandardCharsets.UTF_8))
                .id();
        return new MessageRef(into.tenant().getId(), into.alice().id(), id);
    }
}
