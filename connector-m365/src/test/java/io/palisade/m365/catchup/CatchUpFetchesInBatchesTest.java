package io.palisade.m365.catchup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.connector.Provider;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.tenant.Tenant;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.SharedSimulator;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.simulator.control.Fault;
import io.palisade.simulator.control.GraphRequestCount;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A catch-up of missed mail fetches it as Graph {@code $batch} requests of 20 messages, not one request a message,
 * and a 429 on items inside a batch is retried after its Retry-After with nothing lost and nothing scanned twice. The
 * simulator counts the calls.
 */
class CatchUpFetchesInBatchesTest extends M365IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    MailItemRepository mailItems;

    @Autowired
    DeltaCatchUp catchUp;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void clearFaults() {
        SharedSimulator.control().clearFaults();
    }

    @Test
    void fortyFiveMissedMessagesAreFetchedWithThreeBatchesAndNoSingleFetch() throws Exception {
        Setup s = onboardQuietly("batch-catch-up");
        List<String> ids = deliverUnnotified(s, 45);
        SharedSimulator.control().clearGraphRequests(s.sim.tenantId());

        int found = catchUp.catchUp(s.mailbox);

        assertThat(found).isEqualTo(45);
        ids.forEach(id -> awaitScannedOnce(s, id));
        List<GraphRequestCount> calls = SharedSimulator.control().graphRequests(s.sim.tenantId());
        assertThat(count(calls, "POST", "/v1.0/$batch", false)).isEqualTo(3);
        assertThat(count(calls, "GET", "/v1.0/users/{id}/messages/{id}/$value", true))
                .isEqualTo(45);
        assertThat(count(calls, "GET", "/v1.0/users/{id}/messages/{id}/$value", false))
                .as("no message fetched on its own")
                .isZero();
        assertThat(count(calls, "GET", "/v1.0/users/{id}/messages/{id}", false)).isZero();
        assertThat(catchUp.catchUp(s.mailbox))
                .as("a second round finds nothing new")
                .isZero();
    }

    @Test
    void itemsThrottledInsideABatchAreRetriedWithNothingLostOrScannedTwice() throws Exception {
        Setup s = onboardQuietly("batch-throttled");
        List<String> ids = deliverUnnotified(s, 25);
        SharedSimulator.control().clearGraphRequests(s.sim.tenantId());
        SharedSimulator.control().addFault(Fault.throttle(3, 1).onPathsContaining("/$value"));

        catchUp.catchUp(s.mailbox);

        ids.forEach(id -> awaitScannedOnce(s, id));
        List<GraphRequestCount> calls = SharedSimulator.control().graphRequests(s.sim.tenantId());
        assertThat(count(calls, "GET", "/v1.0/users/{id}/messages/{id}/$value", true))
                .as("25 items and the 3 throttled ones again")
                .isEqualTo(28);
        assertThat(count(calls, "POST", "/v1.0/$batch", false)).isBetween(3L, 4L);
        assertThat(count(calls, "GET", "/v1.0/users/{id}/messages/{id}/$value", false))
                .isZero();
        ids.forEach(id -> assertThat(mailItems.findByTenantIdAndInternetMessageId(s.tenant.getId(), id))
                .hasSize(1));
    }

    private record Setup(SimTenant sim, SimMailbox user, Tenant tenant, Mailbox mailbox) {}

    /** A tenant with one mailbox, onboarded, its first catch-up round done, so later rounds start from a link. */
    private Setup onboardQuietly(String name) throws Exception {
        SimTenant sim = SharedSimulator.consentedTenant(
                name + "-" + UUID.randomUUID().toString().substring(0, 6) + ".example");
        SimMailbox user = SharedSimulator.control().createMailbox(sim.tenantId(), "bulk", "Bulk Reader");
        Tenant tenant = onboarding.onboard(sim.tenantId(), sim.domain());
        await().atMost(WAIT)
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM work_items WHERE tenant_id = ? AND kind LIKE 'm365.catchup%'"
                                        + " AND state <> 'DONE'",
                                Integer.class, tenant.getId())
                        == 0);
        Mailbox mailbox = mailboxes
                .findByTenantIdAndProviderAndProviderMailboxId(tenant.getId(), Provider.M365, user.id())
                .orElseThrow();
        catchUp.catchUp(mailbox);
        return new Setup(sim, user, tenant, mailbox);
    }

    /** Delivers messages whose notifications Graph drops, so only a catch-up can find them. */
    private static List<String> deliverUnnotified(Setup s, int count) {
        SharedSimulator.control().addFault(Fault.dropNotifications(count));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "<batch-" + i + "-" + UUID.randomUUID() + "@partner.example>";
            SharedSimulator.control().deliver(s.sim.tenantId(), s.user.id(), mime(id, i));
            ids.add(id);
        }
        return ids;
    }

    private void awaitScannedOnce(Setup s, String internetMessageId) {
        await().atMost(WAIT)
                .until(() -> mailItems
                                .findByTenantIdAndInternetMessageId(s.tenant.getId(), internetMessageId)
                                .size()
                        == 1);
    }

    private static long count(List<GraphRequestCount> calls, String method, String path, boolean inBatch) {
        return calls.stream()
                .filter(c -> c.method().equals(method) && c.path().equals(path) && c.inBatch() == inBatch)
                .mapToLong(GraphRequestCount::count)
                .sum();
    }

    private static byte[] mime(String messageId, int n) {
        return ("From: Partner <news@partner.example>\r\nTo: bulk@example.org\r\nSubject: Weekly figures " + n
                        + "\r\nMessage-ID: " + messageId + "\r\nDate: Fri, 04 Dec 2026 08:00:00 +0000\r\n"
                        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe numbers are in.\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
