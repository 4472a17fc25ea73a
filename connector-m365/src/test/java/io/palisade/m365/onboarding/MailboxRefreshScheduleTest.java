package io.palisade.m365.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerUtils;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.OperableTrigger;

/** The daily refresh runs every day at its hour, and a restart neither moves nor skips a run. */
class MailboxRefreshScheduleTest {

    private static final String NAME = "palisade.m365.mailbox-refresh";

    Scheduler scheduler;
    JobDetail job;

    @BeforeEach
    void standByScheduler() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("org.quartz.scheduler.instanceName", "refresh-test-" + UUID.randomUUID());
        settings.setProperty("org.quartz.threadPool.threadCount", "1");
        settings.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        scheduler = new StdSchedulerFactory(settings).getScheduler();
        job = JobBuilder.newJob(Job.class).withIdentity(NAME).storeDurably().build();
        scheduler.addJob(job, false);
    }

    @AfterEach
    void shutDown() throws Exception {
        scheduler.shutdown();
    }

    @Test
    void theRefreshFiresEveryDayAtThreeUtc() {
        CronTrigger trigger = MailboxRefreshSchedule.trigger(job.getKey(), NAME, MailboxRefreshSchedule.DEFAULT_CRON);

        List<Date> fires = TriggerUtils.computeFireTimes((OperableTrigger) trigger, null, 3);

        assertThat(fires).hasSize(3);
        assertThat(fires)
                .allSatisfy(fire -> assertThat(
                                fire.toInstant().atZone(ZoneOffset.UTC).getHour())
                        .isEqualTo(3));
        assertThat(Duration.between(fires.get(0).toInstant(), fires.get(1).toInstant()))
                .isEqualTo(Duration.ofDays(1));
        assertThat(trigger.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
    }

    @Test
    void aRestartKeepsTheTriggerTheSchedulerHolds() throws Exception {
        assertThat(MailboxRefreshSchedule.ensure(scheduler, daily())).isTrue();
        Trigger first = scheduler.getTrigger(daily().getKey());

        boolean replaced = MailboxRefreshSchedule.ensure(scheduler, daily());

        assertThat(replaced).isFalse();
        Trigger kept = scheduler.getTrigger(daily().getKey());
        assertThat(kept.getStartTime()).isEqualTo(first.getStartTime());
        assertThat(kept.getNextFireTime()).isEqualTo(first.getNextFireTime());
    }

    @Test
    void anIntervalTriggerFromAnEarlierReleaseIsReplacedByTheDailyCron() throws Exception {
        scheduler.scheduleJob(TriggerBuilder.newTrigger()
                .forJob(job)
                .withIdentity(NAME)
                .startAt(
                        new Date(System.currentTimeMillis() + Duration.ofDays(1).toMillis()))
                .withSchedule(SimpleScheduleBuilder.repeatHourlyForever(24))
                .build());

        assertThat(MailboxRefreshSchedule.ensure(scheduler, daily())).isTrue();

        assertThat(scheduler.getTrigger(daily().getKey()))
                .isInstanceOfSatisfying(
                        CronTrigger.class,
                        cron -> assertThat(cron.getCronExpression()).isEqualTo(MailboxRefreshSchedule.DEFAULT_CRON));
    }

    @Test
    void aChangedHourReplacesTheTrigger() throws Exception {
        MailboxRefreshSchedule.ensure(scheduler, daily());

        boolean replaced = MailboxRefreshSchedule.ensure(
                scheduler, MailboxRefreshSchedule.trigger(job.getKey(), NAME, "0 30 22 * * ?"));

        assertThat(replaced).isTrue();
        assertThat(((CronTrigger) scheduler.getTrigger(daily().getKey())).getCronExpression())
                .isEqualTo("0 30 22 * * ?");
    }

    private CronTrigger daily() {
        return MailboxRefreshSchedule.trigger(job.getKey(), NAME, MailboxRefreshSchedule.DEFAULT_CRON);
    }
}
