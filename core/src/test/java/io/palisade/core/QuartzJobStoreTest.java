package io.palisade.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest
class QuartzJobStoreTest {

    static final CountDownLatch RAN = new CountDownLatch(1);

    @Autowired
    Scheduler scheduler;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void runsJobsFromAClusteredJdbcJobStoreOnTheMigratedTables() throws Exception {
        String name = "probe-" + UUID.randomUUID();
        JobDetail job = JobBuilder.newJob(Probe.class).withIdentity(name).build();
        Trigger now = TriggerBuilder.newTrigger().withIdentity(name).startNow().build();

        scheduler.scheduleJob(job, now);

        assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
        assertThat(scheduler.getMetaData().isJobStoreSupportsPersistence()).isTrue();
        assertThat(RAN.await(60, TimeUnit.SECONDS)).as("the job ran").isTrue();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM qrtz_scheduler_state WHERE sched_name = 'palisade'", Integer.class))
                .isPositive();
    }

    /** Counts down when Quartz runs it. */
    public static class Probe implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            RAN.countDown();
        }
    }
}
