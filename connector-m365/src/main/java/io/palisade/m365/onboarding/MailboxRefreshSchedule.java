package io.palisade.m365.onboarding;

import java.util.Objects;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trigger of the daily {@link MailboxRefreshJob}: a cron in UTC (default 03:00 every day). It is scheduled only
 * when the clustered job store has none with the same expression, so a restart neither moves the next run nor skips
 * one (a trigger rebuilt at start counts from the start); a run missed while every instance was down fires once
 * when the scheduler is back.
 */
public final class MailboxRefreshSchedule {

    /** The default: every day at 03:00 UTC. */
    public static final String DEFAULT_CRON = "0 0 3 * * ?";

    private static final Logger LOG = LoggerFactory.getLogger(MailboxRefreshSchedule.class);
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private MailboxRefreshSchedule() {}

    /** The trigger for {@code job}, named {@code name}, firing on {@code cron} (Quartz syntax, UTC). */
    public static CronTrigger trigger(JobKey job, String name, String cron) {
        return TriggerBuilder.newTrigger()
                .forJob(job)
                .withIdentity(name)
                .withSchedule(CronScheduleBuilder.cronSchedule(cron)
                        .inTimeZone(UTC)
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }

    /**
     * Schedules {@code wanted} unless the scheduler holds a trigger of that name with the same expression and time
     * zone, which is kept as it is; a trigger of another kind or expression is replaced.
     *
     * @return whether the scheduler's trigger was (re)placed
     */
    public static boolean ensure(Scheduler scheduler, CronTrigger wanted) throws SchedulerException {
        Trigger existing = scheduler.getTrigger(wanted.getKey());
        if (existing instanceof CronTrigger cron
                && Objects.equals(cron.getCronExpression(), wanted.getCronExpression())
                && Objects.equals(cron.getTimeZone(), wanted.getTimeZone())) {
            LOG.info(
                    "event=m365_refresh_trigger_kept next={}",
                    cron.getNextFireTime().toInstant());
            return false;
        }
        if (existing == null) {
            try {
                scheduler.scheduleJob(wanted);
            } catch (ObjectAlreadyExistsException e) {
                // Another instance of the cluster scheduled it first.
                return false;
            }
        } else {
            scheduler.rescheduleJob(wanted.getKey(), wanted);
        }
        LOG.info(
                "event=m365_refresh_trigger_scheduled cron=\"{}\" next={}",
                wanted.getCronExpression(),
                scheduler.getTrigger(wanted.getKey()).getNextFireTime().toInstant());
        return true;
    }
}
