package io.palisade.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.core.MutableClock;
import io.palisade.core.TestTenants;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest
class WorkQueueTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    WorkQueue queue;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    private UUID tenant;
    private String kind;

    @BeforeEach
    void newTenantAndKind() {
        tenant = TestTenants.create(jdbc);
        // Claims span tenants, so each test works on a kind of its own.
        kind = "test." + UUID.randomUUID();
    }

    @Test
    void duplicateEnqueueIsANoOpThatKeepsTheFirstPayload() {
        assertThat(queue.enqueue(tenant, kind, "msg-1", "{\"n\":1}")).isTrue();
        assertThat(queue.enqueue(tenant, kind, "msg-1", "{\"n\":2}")).isFalse();

        List<WorkItem> claimed = queue.claim(List.of(kind), "w1", LEASE, 10);

        assertThat(claimed)
                .singleElement()
                .satisfies(item -> assertThat(item.payloadJson()).isEqualTo("{\"n\": 1}"));
    }

    @Test
    void aBatchEnqueueAddsOnlyTheNewItems() {
        queue.enqueue(tenant, kind, "seen", "{}");

        int added = queue.enqueueAll(
                tenant, kind, List.of(new NewWork("seen", "{}"), new NewWork("a", "{}"), new NewWork("b", "{}")));

        assertThat(added).isEqualTo(2);
        assertThat(queue.countsByState(tenant)).containsEntry(WorkState.READY, 3L);
    }

    @Test
    void aBatchWithOneBadPayloadAddsNothing() {
        List<NewWork> batch = List.of(new NewWork("a", "{}"), new NewWork("b", "{broken"));

        assertThatThrownBy(() -> queue.enqueueAll(tenant, kind, batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
        assertThat(queue.countsByState(tenant).values()).containsOnly(0L);
    }

    @Test
    void enqueueStaysANoOpAfterTheItemIsDone() {
        queue.enqueue(tenant, kind, "msg-1", "{}");
        WorkItem item = queue.claim(List.of(kind), "w1", LEASE, 1).getFirst();
        queue.complete(item.id(), item.leaseToken());

        assertThat(queue.enqueue(tenant, kind, "msg-1", "{}")).isFalse();
        assertThat(queue.claim(List.of(kind), "w1", LEASE, 1)).isEmpty();
    }

    @Test
    void purgingRemovesOnlyOldFinishedItems() {
        queue.enqueue(tenant, kind, "old", "{}");
        queue.enqueue(tenant, kind, "pending", "{}");
        WorkItem old = queue.claim(List.of(kind), "w1", LEASE, 1).getFirst();
        queue.complete(old.id(), old.leaseToken());
        clock.advance(Duration.ofDays(8));
        queue.enqueue(tenant, kind, "recent", "{}");
        WorkItem recent = queue.claim(List.of(kind), "w1", LEASE, 2).stream()
                .filter(item -> item.idempotencyKey().equals("recent"))
                .findFirst()
                .orElseThrow();
        queue.complete(recent.id(), recent.leaseToken());

        queue.purgeDone(Duration.ofDays(7));

        assertThat(queue.find(tenant, old.id())).isEmpty();
        assertThat(queue.find(tenant, recent.id())).isPresent();
        assertThat(queue.countsByState(tenant))
                .containsEntry(WorkState.DONE, 1L)
                .containsEntry(WorkState.CLAIMED, 1L);
    }

    @Test
    void claimTakesOnlyDueItemsOfTheRequestedKinds() {
        queue.enqueue(tenant, kind, "now", "{}");
        queue.enqueueAt(tenant, kind, "later", "{}", clock.instant().plusSeconds(60));
        queue.enqueue(tenant, kind + ".other", "other", "{}");

        List<WorkItem> claimed = queue.claim(List.of(kind), "w1", LEASE, 10);

        assertThat(claimed).extracting(WorkItem::idempotencyKey).containsExactly("now");
        assertThat(claimed.getFirst().state()).isEqualTo(WorkState.CLAIMED);
        assertThat(claimed.getFirst().attempts()).isEqualTo(1);
        assertThat(claimed.getFirst().leaseUntil()).isEqualTo(clock.instant().plus(LEASE));
    }

    @Test
    void expiredLeaseIsClaimedAgainAndTheStaleWorkerCannotFinishIt() {
        queue.enqueue(tenant, kind, "msg-1", "{}");
        WorkItem first = queue.claim(List.of(kind), "crashed-worker", LEASE, 1).getFirst();
        assertThat(queue.claim(List.of(kind), "w2", LEASE, 1)).isEmpty();

        clock.advance(LEASE.plusSeconds(1));
        WorkItem second = queue.claim(List.of(kind), "w2", LEASE, 1).getFirst();

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.leaseToken()).isNotEqualTo(first.leaseToken());
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(queue.complete(first.id(), first.leaseToken())).isFalse();
        assertThat(queue.fail(first.id(), first.leaseToken(), "late")).isEqualTo(FailureOutcome.LEASE_LOST);
        assertThat(queue.complete(second.id(), second.leaseToken())).isTrue();
        assertThat(queue.find(tenant, first.id()).orElseThrow().state()).isEqualTo(WorkState.DONE);
    }

    @Test
    void extendedLeaseIsNotReclaimed() {
        queue.enqueue(tenant, kind, "msg-1", "{}");
        WorkItem item = queue.claim(List.of(kind), "w1", LEASE, 1).getFirst();

        clock.advance(Duration.ofSeconds(20));
        assertThat(queue.extendLease(item.id(), item.leaseToken(), LEASE)).isTrue();
        clock.advance(Duration.ofSeconds(20));

        assertThat(queue.claim(List.of(kind), "w2", LEASE, 1)).isEmpty();
    }

    @Test
    void failureSchedulesTheNextAttemptAfterAnExponentialBackoff() {
        queue.enqueue(tenant, kind, "msg-1", "{}");
        WorkItem item = queue.claim(List.of(kind), "w1", LEASE, 1).getFirst();

        assertThat(queue.fail(item.id(), item.leaseToken(), "HTTP 503")).isEqualTo(FailureOutcome.RETRY_SCHEDULED);
        WorkItem scheduled = queue.find(tenant, item.id()).orElseThrow();
        assertThat(scheduled.state()).isEqualTo(WorkState.READY);
        assertThat(scheduled.runAt()).isEqualTo(clock.instant().plusSeconds(10));
        assertThat(scheduled.lastError()).isEqualTo("HTTP 503");

        clock.advance(Duration.ofSeconds(9));
        assertThat(queue.claim(List.of(kind), "w1", LEASE, 1)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        WorkItem again = queue.claim(List.of(kind), "w1", LEASE, 1).getFirst();

        queue.fail(again.id(), again.leaseToken(), "HTTP 503");
        assertThat(queue.find(tenant, item.id()).orElseThrow().runAt())
                .isEqualTo(clock.instant().plusSeconds(20));
    }

    @Test
    void retryAfterLongerThanTheBackoffIsHonoured() {
        queue.enqueue(tenant, kind, "msg-1", "{}");
        WorkItem item = queue.claim(List.of(kind), "w1", LEASE, 1).getFirst();

        queue.fail(item.id(), item.leaseToken(), "HTTP 429", Duration.ofMinutes(2));

        assertThat(queue.find(tenant, item.id()).orElseThrow().runAt())
                .isEqualTo(clock.instant().plusSeconds(120));
    }

    @Test
    void deadLettersAfterMaxAttemptsAndAnOperatorRetryMakesItClaimableAgain() {
        queue.enqueue(tenant, kind, "msg-1", "{}");
        FailureOutcome outcome = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            clock.advance(Duration.ofMinutes(10));
            WorkItem item = queue.claim(List.of(kind), "w1", LEASE, 1).getFirst();
            outcome = queue.fail(item.id(), item.leaseToken(), "boom " + attempt);
        }

        assertThat(outcome).isEqualTo(FailureOutcome.DEAD_LETTERED);
        clock.advance(Duration.ofHours(1));
        assertThat(queue.claim(List.of(kind), "w1", LEASE, 1)).isEmpty();
        List<WorkItem> dead = queue.deadLetters(tenant, PageRequest.of(0, 10)).getContent();
        assertThat(dead).singleElement().satisfies(item -> {
            assertThat(item.lastError()).isEqualTo("boom 3");
            assertThat(item.attempts()).isEqualTo(3);
        });

        assertThat(queue.retry(tenant, dead.getFirst().id())).isTrue();
        WorkItem retried = queue.claim(List.of(kind), "w1", LEASE, 1).getFirst();
        assertThat(retried.id()).isEqualTo(dead.getFirst().id());
        assertThat(retried.attempts()).isEqualTo(1);
    }

    @Test
    void permanentFailureDeadLettersAtOnce() {
        queue.enqueue(tenant, kind, "msg-1", "{}");
        WorkItem item = queue.claim(List.of(kind), "w1", LEASE, 1).getFirst();

        assertThat(queue.failPermanently(item.id(), item.leaseToken(), "mailbox gone"))
                .isEqualTo(FailureOutcome.DEAD_LETTERED);
        assertThat(queue.find(tenant, item.id()).orElseThrow().state()).isEqualTo(WorkState.DEAD);
    }

    @Test
    void workerThatDiesOnTheLastAttemptLeavesADeadLetter() {
        queue.enqueue(tenant, kind, "msg-1", "{}");
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(queue.claim(List.of(kind), "dying-worker", LEASE, 1)).hasSize(1);
            clock.advance(LEASE.plusSeconds(1));
        }

        assertThat(queue.claim(List.of(kind), "w2", LEASE, 1)).isEmpty();
        assertThat(queue.deadLetters(tenant, PageRequest.of(0, 10)).getContent())
                .singleElement()
                .satisfies(item -> assertThat(item.lastError()).contains("lease expired"));
    }

    @Test
    void anotherTenantSeesNoneOfTheItems() {
        UUID other = TestTenants.create(jdbc);
        queue.enqueue(tenant, kind, "msg-1", "{}");
        WorkItem item = queue.claim(List.of(kind), "w1", LEASE, 1).getFirst();
        queue.failPermanently(item.id(), item.leaseToken(), "boom");

        assertThat(queue.find(other, item.id())).isEmpty();
        assertThat(queue.deadLetters(other, PageRequest.of(0, 10))).isEmpty();
        assertThat(queue.retry(other, item.id())).isFalse();
        assertThat(queue.countsByState(other)).containsEntry(WorkState.DEAD, 0L);
        assertThat(queue.countsByState(tenant)).containsEntry(WorkState.DEAD, 1L);
        assertThat(queue.find(tenant, item.id()).orElseThrow().state()).isEqualTo(WorkState.DEAD);
    }

    @Test
    void theSameKeyInAnotherTenantIsAnotherItem() {
        UUID other = TestTenants.create(jdbc);

        assertThat(queue.enqueue(tenant, kind, "msg-1", "{}")).isTrue();
        assertThat(queue.enqueue(other, kind, "msg-1", "{}")).isTrue();

        assertThat(queue.claim(List.of(kind), "w1", LEASE, 10))
                .extracting(WorkItem::tenantId)
                .containsExactlyInAnyOrder(tenant, other);
    }

    @Test
    void countsEveryStateForHealth() {
        queue.enqueue(tenant, kind, "a", "{}");
        queue.enqueue(tenant, kind, "b", "{}");
        queue.enqueue(tenant, kind, "c", "{}");
        List<WorkItem> claimed = queue.claim(List.of(kind), "w1", LEASE, 2);
        queue.complete(claimed.get(0).id(), claimed.get(0).leaseToken());

        assertThat(queue.countsByState(tenant))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                        WorkState.READY, 1L, WorkState.CLAIMED, 1L, WorkState.DONE, 1L, WorkState.DEAD, 0L));
        assertThat(queue.countsByState().get(WorkState.READY)).isGreaterThanOrEqualTo(1L);
    }

    @Test
    void rejectsAPayloadThatIsNotJson() {
        assertThatThrownBy(() -> queue.enqueue(tenant, kind, "msg-1", "not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining(kind);
        assertThat(queue.countsByState(tenant).values()).containsOnly(0L);
    }

    @Test
    void rejectsAnUnknownTenant() {
        assertThatThrownBy(() -> queue.enqueue(UUID.randomUUID(), kind, "msg-1", "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenant does not exist");
    }

    @Test
    void claimsNothingWithoutKinds() {
        assertThatThrownBy(() -> queue.claim(Set.of(), "w1", LEASE, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
