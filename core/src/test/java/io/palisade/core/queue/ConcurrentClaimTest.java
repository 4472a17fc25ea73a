package io.palisade.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.TestTenants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest
class ConcurrentClaimTest {

    private static final int ITEMS = 300;

    @Autowired
    WorkQueue queue;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void twoConcurrentClaimersNeverGetTheSameItemAndTogetherGetEveryItem() throws Exception {
        UUID tenant = TestTenants.create(jdbc);
        String kind = "test.concurrent." + UUID.randomUUID();
        for (int i = 0; i < ITEMS; i++) {
            queue.enqueue(tenant, kind, "key-" + i, "{}");
        }
        CountDownLatch start = new CountDownLatch(1);

        List<UUID> first;
        List<UUID> second;
        try (ExecutorService workers = Executors.newFixedThreadPool(2)) {
            Future<List<UUID>> a = workers.submit(drain(kind, "worker-a", start));
            Future<List<UUID>> b = workers.submit(drain(kind, "worker-b", start));
            start.countDown();
            first = a.get();
            second = b.get();
        }

        Set<UUID> overlap = new HashSet<>(first);
        overlap.retainAll(second);
        assertThat(overlap).isEmpty();
        assertThat(first).doesNotHaveDuplicates();
        assertThat(second).doesNotHaveDuplicates();
        assertThat(first.size() + second.size()).isEqualTo(ITEMS);
    }

    private Callable<List<UUID>> drain(String kind, String worker, CountDownLatch start) {
        return () -> {
            start.await();
            List<UUID> mine = new ArrayList<>();
            List<WorkItem> batch;
            do {
                batch = queue.claim(List.of(kind), worker, Duration.ofMinutes(5), 3);
                batch.forEach(item -> mine.add(item.id()));
            } while (!batch.isEmpty());
            return mine;
        };
    }
}
