package io.palisade.m365.catchup;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The periodic sweep: a catch-up round for every watched mailbox, on one instance of the cluster at a time. */
@DisallowConcurrentExecution
public class CatchUpSweepJob implements Job {

    private final CatchUpRequests requests;

    public CatchUpSweepJob(CatchUpRequests requests) {
        this.requests = requests;
    }

    @Override
    public void execute(JobExecutionContext context) {
        requests.requestAll("sweep");
    }
}
