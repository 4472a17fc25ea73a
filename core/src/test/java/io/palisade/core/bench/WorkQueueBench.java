package io.palisade.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.TestTenants;
import io.palisade.core.queue.NewWork;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.queue.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Measures the work queue on the test database: enqueue latency from one thread, batched enqueue throughput, then
 * claim-and-complete throughput with several workers. Run with
 * {@code ./mvnw -pl core -am verify -Dtest=WorkQueueBench -Dsurefire.failIfNoSpecifiedTests=false
 * -Dpalisade.bench=true}; figures go to standard output. It checks that every item was processed exactly once,
 * never how fast.
 */
@SpringBootTest
@EnabledIfSystemProperty(named = "palisade.bench", matches = "true")
class WorkQueueBench {

    private static final int ITEMS = Integer.getInteger("palisade.bench.items", 10_000);
    private static final int WORKERS = Integer.getInteger("palisade.bench.workers", 4);
    private static final int SINGLES = Integer.getInteger("palisade.bench.singles", 2_000);
    private static final int BATCH = 20;

    @Autowired
    WorkQueue queue;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void enqueueLatencyAndClaimThroughput() throws Exception {
        UUID tenant = TestTenants.create(jdbc);
        String kind = "bench." + UUID.randomUUID();

        long[] enqueueNanos = new long[SINGLES];
        long enqueueStart = System.nanoTime();
        for (int i = 0; i < SINGLES; i++) {
            long start = System.nanoTime();
            queue.enqueue(tenant, kind, "single-" + i, "{\"n\":" + i + "}");
            enqueueNanos[i] = System.nanoTime() - start;
        }
        double enqueueSeconds = (System.nanoTime() - enqueueStart) / 1e9;
        long batchStart = System.nanoTime();
        for (int i = 0; i < ITEMS; i += BATCH) {
            List<NewWork> batch = new ArrayList<>();
            for (int j = i; j < Math.min(ITEMS, i + BATCH); j++) {
                batch.add(new NewWork("batched-" + j, "{\"n\":" + j + "}"));
            }
            queue.enqueueAll(tenant, kind, batch);
        }
        double batchSeconds = (System.nanoTime() - batchStart) / 1e9;

        Set<UUID> processed = ConcurrentHashMap.newKeySet();
        long drainStart = System.nanoTime();
        int duplicates = drain(kind, processed);
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;

        Arrays.sort(enqueueNanos);
        System.out.printf(
                "work queue: enqueue one at a time (1 thread, %d items) %.0f/s, p50 %.2f ms, p99 %.2f ms;"
                        + " enqueueAll in batches of %d (1 thread, %d items) %.0f/s;"
                        + " claim+complete (%d workers, batch %d, %d items) %.0f/s%n",
                SINGLES,
                SINGLES / enqueueSeconds,
                enqueueNanos[SINGLES / 2] / 1e6,
                enqueueNanos[(int) (SINGLES * 0.99)] / 1e6,
                BATCH,
                ITEMS,
                ITEMS / batchSeconds,
                WORKERS,
                BATCH,
                SINGLES + ITEMS,
                (SINGLES + ITEMS) / drainSeconds);
        assertThat(duplicates).isZero();
        assertThat(processed).hasSize(SINGLES + ITEMS);
    }

    private int drain(String kind, Set<UUID> processed) throws Exception {
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService workers = Executors.newFixedThreadPool(WORKERS)) {
            for (int w = 0; w < WORKERS; w++) {
                String worker = "bench-" + w;
                results.add(workers.submit(() -> work(kind, worker, processed)));
            }
            int duplicates = 0;
            for (Future<Integer> result : results) {
                duplicates += result.get();
            }
            return duplicates;
        }
    }

    private int work(String kind, String worker, Set<UUID> processed) {
        int duplicates = 0;
        List<WorkItem> batch;
        while (!(batch = queue.claim(List.of(kind), worker, Duration.ofMinutes(5), BATCH)).isEmpty()) {
            for (WorkItem item : batch) {
                duplicates += processed.add(item.id()) ? 0 : 1;
                queue.complete(item.id(), item.leaseToken());
            }
        }
        return duplicates;
    }
}
