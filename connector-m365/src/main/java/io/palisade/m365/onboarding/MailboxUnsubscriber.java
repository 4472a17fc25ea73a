package io.palisade.m365.onboarding;

import com.microsoft.kiota.ApiException;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.m365.graph.GraphErrors;
import io.palisade.m365.graph.M365Tenants;
import io.palisade.m365.subscription.SubscriptionRecord;
import io.palisade.m365.subscription.SubscriptionStore;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stops watching a mailbox that left the selection: deletes its Graph subscriptions and marks them REMOVED, so they
 * are not renewed (a subscription Graph refused to create is only marked, so it is not tried again). Its mail items,
 * verdicts and history stay. A deletion that fails is logged and tried again by the next refresh, which finds the
 * subscription still live.
 */
@Component
public class MailboxUnsubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxUnsubscriber.class);

    private final M365Tenants tenants;
    private final SubscriptionStore store;

    public MailboxUnsubscriber(M365Tenants tenants, SubscriptionStore store) {
        this.tenants = tenants;
        this.store = store;
    }

    /** Ends each live subscription of the mailbox among {@code records}; returns how many ended. */
    public int unsubscribe(Mailbox mailbox, List<SubscriptionRecord> records) {
        int ended = 0;
        for (SubscriptionRecord record : records) {
            if (!mailbox.getId().equals(record.mailboxId()) || record.status() == SubscriptionRecord.Status.REMOVED) {
                continue;
            }
            try {
                if (record.status() != SubscriptionRecord.Status.CREATE_FAILED) {
                    delete(record);
                }
                store.update(
                        record.tenantId(),
                        record.subscriptionId(),
                        SubscriptionRecord.Status.REMOVED,
                        record.expiresAt(),
                        "mailbox no longer selected");
                ended++;
            } catch (ConnectorException e) {
                LOG.error(
                        "event=m365_unsubscribe_failed tenant={} mailbox={} subscription={} error={}",
                        record.tenantId(),
                        mailbox.getId(),
                        record.subscriptionId(),
                        e.getMessage());
            }
        }
        return ended;
    }

    private void delete(SubscriptionRecord record) throws ConnectorException {
        try {
            tenants.graph(record.tenantId())
                    .subscriptions()
                    .bySubscriptionId(record.subscriptionId())
                    .delete();
        } catch (ApiException e) {
            if (e.getResponseStatusCode() != 404) {
                throw GraphErrors.map("delete subscription", e);
            }
            // Already gone at Graph (expired or removed): only the record is left to close.
        } catch (RuntimeException e) {
            throw GraphErrors.map("delete subscription", e);
        }
    }
}
