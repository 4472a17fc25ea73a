package io.palisade.core.intel;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Polls every tenant's TAXII collections; Quartz runs it on one instance of the cluster at a time. */
@DisallowConcurrentExecution
public class TaxiiPollJob implements Job {

    private final TaxiiPoller poller;

    public TaxiiPollJob(TaxiiPoller poller) {
        this.poller = poller;
    }

    @Override
    public void execute(JobExecutionContext context) {
        poller.pollAll();
    }
}
