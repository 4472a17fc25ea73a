package io.palisade.m365;

import io.palisade.m365.catchup.CatchUpProperties;
import io.palisade.m365.catchup.CatchUpSweepJob;
import io.palisade.m365.graph.ThrottleProperties;
import io.palisade.m365.notify.RichNotificationProperties;
import io.palisade.m365.onboarding.MailboxRefreshJob;
import io.palisade.m365.onboarding.MailboxRefreshSchedule;
import io.palisade.m365.onboarding.MailboxSelection;
import io.palisade.m365.subscription.RenewalProperties;
import io.palisade.m365.subscription.SubscriptionRenewalJob;
import java.time.Duration;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connector's Spring set-up, found by the application's component scan of {@code io.palisade}: its settings and
 * its three jobs on the clustered Quartz scheduler (subscription renewal, catch-up sweep, daily mailbox refresh).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    M365Properties.class,
    CatchUpProperties.class,
    RenewalProperties.class,
    ThrottleProperties.class,
    MailboxSelection.class,
    RichNotificationProperties.class
})
public class M365Configuration {

    static final String RENEWAL_JOB = "palisade.m365.renewal";
    static final String SWEEP_JOB = "palisade.m365.catch-up-sweep";
    static final String REFRESH_JOB = "palisade.m365.mailbox-refresh";

    @Bean
    JobDetail m365RenewalJob() {
        return JobBuilder.newJob(SubscriptionRenewalJob.class)
                .withIdentity(RENEWAL_JOB)
                .withDescription("Renews Microsoft Graph subscriptions well before they expire")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger m365RenewalTrigger(JobDetail m365RenewalJob, RenewalProperties properties) {
        return every(m365RenewalJob, RENEWAL_JOB, properties.interval());
    }

    @Bean
    JobDetail m365SweepJob() {
        return JobBuilder.newJob(CatchUpSweepJob.class)
                .withIdentity(SWEEP_JOB)
                .withDescription("Catches every Microsoft 365 mailbox up with delta queries")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger m365SweepTrigger(JobDetail m365SweepJob, CatchUpProperties properties) {
        return every(m365SweepJob, SWEEP_JOB, properties.sweepInterval());
    }

    @Bean
    JobDetail m365MailboxRefreshJob() {
        return JobBuilder.newJob(MailboxRefreshJob.class)
                .withIdentity(REFRESH_JOB)
                .withDescription("Re-reads every Microsoft 365 tenant's users into its watched mailboxes")
                .storeDurably()
                .build();
    }

    /**
     * Schedules the daily refresh once the scheduler runs, keeping a trigger the cluster already holds: a trigger
     * bean would be overwritten at every start ({@code spring.quartz.overwrite-existing-jobs}). Onboarding itself
     * discovers a new tenant's mailboxes, so the first run waits for the cron.
     */
    @Bean
    ApplicationRunner m365MailboxRefreshSchedule(
            Scheduler scheduler,
            JobDetail m365MailboxRefreshJob,
            @Value("${palisade.m365.mailbox-refresh.cron:" + MailboxRefreshSchedule.DEFAULT_CRON + "}") String cron) {
        CronTrigger trigger = MailboxRefreshSchedule.trigger(m365MailboxRefreshJob.getKey(), REFRESH_JOB, cron);
        return arguments -> MailboxRefreshSchedule.ensure(scheduler, trigger);
    }

    private static Trigger every(JobDetail job, String name, Duration interval) {
        return TriggerBuilder.newTrigger()
                .forJob(job)
                .withIdentity(name)
                .startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
