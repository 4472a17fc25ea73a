package io.palisade.m365.catchup;

import io.palisade.m365.chat.ChatCatchUpRequests;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The periodic sweep: a catch-up round for every watched mailbox, of its mail and of its chats, on one instance of
 * the cluster at a time.
 */
@DisallowConcurrentExecution
public class CatchUpSweepJob implements Job {

    private final CatchUpRequests requests;
    private final ChatCatchUpRequests chatRequests;

    public CatchUpSweepJob(CatchUpRequests requests, ChatCatchUpRequests chatRequests) {
        this.requests = requests;
        this.chatRequests = chatRequests;
    }

    @Override
    public void execute(JobExecutionContext context) {
        requests.requestAll("sweep");
        chatRequests.requestAll("sweep");
    }
}
