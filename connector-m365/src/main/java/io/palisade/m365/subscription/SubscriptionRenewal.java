package io.palisade.m365.subscription;

import io.palisade.core.connector.ConnectorException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews every active subscription that expires within {@link RenewalProperties#renewBefore()}, or within a third of
 * its lifetime when that is shorter (a rich mail subscription lives under a day), on one instance of the cluster at a
 * time. A failed renewal is left FAILED on its row (health shows it) and tried again next run. Subscriptions Graph
 * refused to create (CREATE_FAILED) are tried again once their backoff is over.
 */
@org.springframework.stereotype.Service
public class SubscriptionRenewal {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionRenewal.class);

    private final SubscriptionStore store;
    private final SubscriptionManager subscriptions;
    private final RenewalProperties properties;
    private final Clock clock;

    public SubscriptionRenewal(
            SubscriptionStore store, SubscriptionManager subscriptions, RenewalProperties properties, Clock clock) {
        this.store = store;
        this.subscriptions = subscriptions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Renews what is due and retries refused creations whose wait is over; returns how many of them failed. */
    public int renewDue() {
        Instant now = clock.instant();
        List<SubscriptionRecord> due = store.findRenewable(now.plus(properties.renewBefore())).stream()
                .filter(record -> record.expiresAt().isBefore(now.plus(renewBefore(record))))
                .toList();
        int failed = 0;
        for (SubscriptionRecord record : due) {
            try {
                subscriptions.renew(record);
            } catch (ConnectorException | RuntimeException e) {
                failed++;
            }
        }
        List<SubscriptionRecord> creations = store.findCreationsDue(now);
        for (SubscriptionRecord record : creations) {
            try {
                subscriptions.retryCreation(record);
            } catch (ConnectorException | RuntimeException e) {
                failed++;
            }
        }
        LOG.info("event=m365_renewal_run due={} creations_retried={} failed={}", due.size(), creations.size(), failed);
        return failed;
    }

    private Duration renewBefore(SubscriptionRecord record) {
        Duration third = subscriptions
                .lifetime(record.isMail(), record.includesResourceData())
                .dividedBy(3);
        return third.compareTo(properties.renewBefore()) < 0 ? third : properties.renewBefore();
    }
}
