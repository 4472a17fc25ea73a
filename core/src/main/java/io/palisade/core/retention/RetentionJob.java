package io.palisade.core.retention;

import io.palisade.core.mail.RawMessageStore;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what has outlived its retention: raw messages past their {@code retain_until}, for every tenant (suspended
 * ones included), and finished work items older than {@code palisade.retention.finished-work}. Quartz runs it on
 * one instance of the cluster at a time.
 */
@DisallowConcurrentExecution
public class RetentionJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final WorkQueue queue;
    private final RawMessageStore rawMessages;
    private final TenantService tenants;
    private final RetentionProperties properties;

    public RetentionJob(
            WorkQueue queue, RawMessageStore rawMessages, TenantService tenants, RetentionProperties properties) {
        this.queue = queue;
        this.rawMessages = rawMessages;
        this.tenants = tenants;
        this.properties = properties;
    }

    @Override
    public void execute(JobExecutionContext context) {
        int rawPurged = 0;
        for (Tenant tenant : tenants.all()) {
            rawPurged += rawMessages.purgeExpired(tenant.getId());
        }
        int workPurged = queue.purgeDone(properties.finishedWork());
        LOG.info("event=retention_done raw_messages={} work_items={}", rawPurged, workPurged);
    }
}
