package io.palisade.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.TestFixtures;
import io.palisade.core.mail.MailItem;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class ConcurrentVerdictTest {

    private static final int PER_WRITER = 10;

    @Autowired
    VerdictService verdicts;

    @Autowired
    TestFixtures fixtures;

    @Test
    void concurrentWritersGetConsecutiveVersionsWithoutClashing() throws Exception {
        MailItem item = fixtures.mailItem(fixtures.mailbox(fixtures.tenant().getId()), "<race@x.test>");
        Verdict verdict = new Verdict(60, RiskLevel.SUSPICIOUS, List.of(), "engine-1");
        CountDownLatch start = new CountDownLatch(1);

        List<Future<?>> writers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int w = 0; w < 2; w++) {
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < PER_WRITER; i++) {
                        verdicts.record(item.getTenantId(), item.getId(), verdict, VerdictCause.RESCAN, null);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get();
            }
        }

        assertThat(verdicts.history(item.getTenantId(), item.getId()))
                .extracting(VerdictVersion::getVersion)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, 2 * PER_WRITER).boxed().toList());
    }
}
