package io.palisade.core.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.MutableClock;
import io.palisade.core.TestFixtures;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.RawMessageStore;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.tenant.TenantService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class RetentionJobTest {

    private static final byte[] MIME = "Subject: hi\r\n\r\nbody".getBytes(StandardCharsets.UTF_8);

    @Autowired
    WorkQueue queue;

    @Autowired
    RawMessageStore rawMessages;

    @Autowired
    TenantService tenants;

    @Autowired
    RetentionProperties properties;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    Scheduler scheduler;

    @Test
    void isScheduledOnTheClusteredScheduler() throws Exception {
        assertThat(scheduler.checkExists(JobKey.jobKey(RetentionConfiguration.JOB_NAME)))
                .isTrue();
    }

    @Test
    void purgesExpiredRawMessagesAndOldFinishedWorkButKeepsTheRest() {
        MailItem expiring = fixtures.mailItem(fixtures.mailbox(fixtures.tenant().getId()), "<e@x.test>");
        MailItem kept = fixtures.mailItem(fixtures.mailbox(fixtures.tenant().getId()), "<k@x.test>");
        rawMessages.store(
                expiring.getTenantId(), expiring.getId(), MIME, clock.instant().plus(Duration.ofDays(1)));
        rawMessages.store(
                kept.getTenantId(), kept.getId(), MIME, clock.instant().plus(Duration.ofDays(90)));
        String kind = "test.retention." + UUID.randomUUID();
        queue.enqueue(expiring.getTenantId(), kind, "done", "{}");
        WorkItem done =
                queue.claim(List.of(kind), "w1", Duration.ofMinutes(1), 1).getFirst();
        queue.complete(done.id(), done.leaseToken());

        clock.advance(properties.finishedWork().plusDays(1));
        new RetentionJob(queue, rawMessages, tenants, properties).execute(null);

        assertThat(rawMessages.load(kept.getTenantId(), kept.getId())).isPresent();
        assertThat(rawMessages.purgeExpired(expiring.getTenantId())).isZero();
        assertThat(queue.find(expiring.getTenantId(), done.id())).isEmpty();
    }
}
