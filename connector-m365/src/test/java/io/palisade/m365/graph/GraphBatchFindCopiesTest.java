package io.palisade.m365.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MessageCopy;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.tenant.Tenant;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.SharedSimulator;
import io.palisade.m365.mail.M365MailboxConnector;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.simulator.control.Fault;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * findCopies across 25 mailboxes goes out as Graph {@code $batch} requests of at most 20, and each item's own 429 is
 * retried after its Retry-After without losing a mailbox.
 */
class GraphBatchFindCopiesTest extends M365IntegrationTest {

    private static final int MAILBOXES = 25;
    private static final String MESSAGE_ID = "<batch-copies-1@partner.example>";

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    M365MailboxConnector connector;

    @Autowired
    MailItemRepository mailItems;

    static Tenant tenant;
    static List<SimMailbox> people;

    @BeforeEach
    void deliverOneMessageToEveryone() throws Exception {
        synchronized (GraphBatchFindCopiesTest.class) {
            if (tenant == null) {
                SimTenant sim = SharedSimulator.consentedTenant("batch-copies.example");
                people = SharedSimulator.control().createMailboxes(sim.tenantId(), "person", MAILBOXES);
                tenant = onboarding.onboard(sim.tenantId(), "batch-copies.example");
                for (SimMailbox person : people) {
                    SharedSimulator.control().deliver(sim.tenantId(), person.id(), mime());
                }
                // Let the workers scan them first, so their fetches do not take the faults meant for the batch.
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> mailItems
                                        .findByTenantIdAndInternetMessageId(tenant.getId(), MESSAGE_ID)
                                        .size()
                                >= MAILBOXES);
            }
        }
    }

    @AfterEach
    void clearFaults() {
        SharedSimulator.control().clearFaults();
    }

    @Test
    void findsACopyInEveryMailboxAcrossTwoBatches() throws Exception {
        List<MessageCopy> copies = connector.findCopies(tenant.getId(), MESSAGE_ID);

        assertThat(copies).hasSize(MAILBOXES);
        assertThat(copies)
                .extracting(MessageCopy::providerMailboxId)
                .containsExactlyInAnyOrderElementsOf(
                        people.stream().map(SimMailbox::id).toList());
    }

    @Test
    void retriesThrottledBatchItemsAfterTheirRetryAfter() throws Exception {
        SharedSimulator.control().addFault(Fault.throttle(6, 1).onPathsContaining("/messages"));

        List<MessageCopy> copies = connector.findCopies(tenant.getId(), MESSAGE_ID);

        assertThat(copies)
                .extracting(MessageCopy::providerMailboxId)
                .doesNotHaveDuplicates()
                .hasSize(MAILBOXES);
    }

    @Test
    void leavesALongRetryAfterToTheWorkQueue() {
        // Every message call is throttled, not just the next one: the context's own workers may make a call of
        // their own (a catch-up, a retried fetch) and would otherwise take a single fault before the batch does.
        SharedSimulator.control().addFault(Fault.throttle(10_000, 60).onPathsContaining("/messages"));

        assertThatThrownBy(() -> connector.findCopies(tenant.getId(), MESSAGE_ID))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
                });
    }

    private static byte[] mime() {
        return ("From: Partner <news@partner.example>\r\nTo: team@batch-copies.example\r\n"
                        + "Subject: Quarterly update\r\nMessage-ID: " + MESSAGE_ID + "\r\n"
                        + "Date: Fri, 04 Dec 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\n\r\nThe numbers are in.\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
