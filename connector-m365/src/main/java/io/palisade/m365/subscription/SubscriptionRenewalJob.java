package io.palisade.m365.subscription;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Runs {@link SubscriptionRenewal} on the clustered Quartz scheduler, on one instance at a time. */
@DisallowConcurrentExecution
public class SubscriptionRenewalJob implements Job {

    private final SubscriptionRenewal renewal;

    public SubscriptionRenewalJob(SubscriptionRenewal renewal) {
        this.renewal = renewal;
    }

    @Override
    public void execute(JobExecutionContext context) {
        renewal.renewDue();
    }
}
