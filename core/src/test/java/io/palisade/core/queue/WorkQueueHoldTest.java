package io.palisade.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.TestTenants;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link WorkQueue#holdReady}: a waiting item held by a transaction starts only after it commits. */
@SpringBootTest
class WorkQueueHoldTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    WorkQueue queue;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    private UUID tenant;
    private String kind;

    @BeforeEach
    void newTenantAndKind() {
        tenant = TestTenants.create(jdbc);
        kind = "test." + UUID.randomUUID();
    }

    @Test
    void aHeldItemIsClaimedOnlyOnceTheHolderHasCommitted() {
        queue.enqueue(tenant, kind, "message-a:20261204", "{}");

        List<WorkItem> claimedWhileHeld = new TransactionTemplate(transactionManager).execute(status -> {
            assertThat(queue.holdReady(tenant, kind, "message-a:")).isTrue();
            // Another worker, on a connection of its own, passes the held item by.
            return CompletableFuture.supplyAsync(() -> queue.claim(List.of(kind), "w1", LEASE, 10))
                    .join();
        });

        assertThat(claimedWhileHeld).isEmpty();
        assertThat(queue.claim(List.of(kind), "w1", LEASE, 10))
                .extracting(WorkItem::idempotencyKey)
                .containsExactly("message-a:20261204");
    }

    @Test
    void anItemThatHasStartedIsNotHeld() {
        queue.enqueue(tenant, kind, "message-b:1", "{}");
        queue.claim(List.of(kind), "w1", LEASE, 1);

        assertThat(hold(tenant, "message-b:")).isFalse();
    }

    @Test
    void theKeyIsMatchedAsAPrefixNotAsAPatternAndWithinTheTenant() {
        queue.enqueue(tenant, kind, "messageXc:1", "{}");
        queue.enqueue(tenant, kind, "message_c%:1", "{}");

        assertThat(hold(tenant, "message_c:")).isFalse();
        assertThat(hold(tenant, "message_c%:")).isTrue();
        assertThat(hold(TestTenants.create(jdbc), "message_c%:")).isFalse();
    }

    private boolean hold(UUID tenantId, String prefix) {
        return Boolean.TRUE.equals(
                new TransactionTemplate(transactionManager).execute(status -> queue.holdReady(tenantId, kind, prefix)));
    }
}
