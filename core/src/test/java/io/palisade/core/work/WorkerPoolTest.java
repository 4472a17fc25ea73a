package io.palisade.core.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.MutableClock;
import io.palisade.core.TestTenants;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.queue.WorkState;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest(properties = {"palisade.workers.threads=2", "palisade.workers.idle-poll=20ms"})
class WorkerPoolTest {

    static final List<String> HANDLED = new CopyOnWriteArrayList<>();
    static final AtomicInteger FLAKY_CALLS = new AtomicInteger();
    static final CountDownLatch BOTH_RUNNING = new CountDownLatch(2);
    static final List<Boolean> MET_THE_OTHER = new CopyOnWriteArrayList<>();

    @Autowired
    WorkQueue queue;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    private UUID tenant;

    @BeforeEach
    void newTenant() {
        tenant = TestTenants.create(jdbc);
    }

    @Test
    void completesAnItemWhoseHandlerSucceeds() {
        queue.enqueue(tenant, "pool.ok", "a", "{\"n\":1}");

        await().atMost(Duration.ofSeconds(10)).until(() -> state("pool.ok", "a") == WorkState.DONE);
        assertThat(HANDLED).contains(tenant + ":a");
    }

    @Test
    void retriesAnItemAfterAPassingFailureOnceTheBackoffHasPassed() {
        queue.enqueue(tenant, "pool.flaky", "b", "{}");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> attempts("pool.flaky", "b") == 1 && state("pool.flaky", "b") == WorkState.READY);
        assertThat(item("pool.flaky", "b").lastError()).contains("throttled");

        clock.advance(Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> state("pool.flaky", "b") == WorkState.DONE);
        assertThat(FLAKY_CALLS.get()).isEqualTo(2);
    }

    @Test
    void deadLettersAnItemWhoseFailureNoRetryCanFix() {
        queue.enqueue(tenant, "pool.broken", "c", "{}");

        await().atMost(Duration.ofSeconds(10)).until(() -> state("pool.broken", "c") == WorkState.DEAD);
        assertThat(item("pool.broken", "c").lastError()).contains("no such message");
        assertThat(attempts("pool.broken", "c")).isEqualTo(1);
    }

    @Test
    void workFoundByTheIdlePollerWakesTheRestingWorkers() {
        // Enqueued with no wake-up, as work from another instance is: the one polling worker finds the first item
        // and must wake the other, which would otherwise rest for seconds; each handler waits to meet the other.
        queue.enqueue(tenant, "pool.together", "d1", "{}");
        queue.enqueue(tenant, "pool.together", "d2", "{}");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> state("pool.together", "d1") == WorkState.DONE
                        && state("pool.together", "d2") == WorkState.DONE);
        assertThat(MET_THE_OTHER).containsExactly(true, true);
    }

    private WorkState state(String kind, String key) {
        return item(kind, key).state();
    }

    private int attempts(String kind, String key) {
        return item(kind, key).attempts();
    }

    private WorkItem item(String kind, String key) {
        UUID id = jdbc.queryForObject(
                "SELECT id FROM work_items WHERE tenant_id = ? AND kind = ? AND idempotency_key = ?",
                UUID.class,
                tenant,
                kind,
                key);
        return queue.find(tenant, id).orElseThrow();
    }

    @TestConfiguration
    static class Handlers {

        @Bean
        WorkHandler succeeding() {
            return handler("pool.ok", item -> HANDLED.add(item.tenantId() + ":" + item.idempotencyKey()));
        }

        @Bean
        WorkHandler flaky() {
            return handler("pool.flaky", item -> {
                if (FLAKY_CALLS.incrementAndGet() == 1) {
                    throw new RetryableWorkException("throttled", Duration.ofSeconds(30), null);
                }
            });
        }

        @Bean
        WorkHandler broken() {
            return handler("pool.broken", item -> {
                throw new PermanentWorkException("no such message");
            });
        }

        @Bean
        WorkHandler together() {
            return handler("pool.together", item -> {
                BOTH_RUNNING.countDown();
                try {
                    MET_THE_OTHER.add(BOTH_RUNNING.await(3, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        private static WorkHandler handler(String kind, java.util.function.Consumer<WorkItem> body) {
            return new WorkHandler() {
                @Override
                public String kind() {
                    return kind;
                }

                @Override
                public void handle(WorkItem item) {
                    body.accept(item);
                }
            };
        }
    }
}
