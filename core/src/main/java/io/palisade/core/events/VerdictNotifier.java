package io.palisade.core.events;

import io.palisade.core.verdict.VerdictChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the other instances about each local verdict change once its transaction has committed, with a NOTIFY on
 * {@link VerdictNotifications#CHANNEL}. A change rolled back is never announced. A failed NOTIFY is logged and
 * lost for the other instances' live views only: the verdict itself is committed and every view reloads it.
 */
@Component
public class VerdictNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(VerdictNotifier.class);

    private final JdbcTemplate jdbc;
    private final InstanceIdentity instance;

    public VerdictNotifier(JdbcTemplate jdbc, InstanceIdentity instance) {
        this.jdbc = jdbc;
        this.instance = instance;
    }

    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void afterCommit(VerdictChanged change) {
        if (change.remote()) {
            return;
        }
        try {
            jdbc.queryForList(
                    "SELECT pg_notify(?, ?)",
                    VerdictNotifications.CHANNEL,
                    VerdictNotifications.encode(instance.id(), change));
        } catch (RuntimeException e) {
            LOG.error(
                    "event=verdict_notify_failed tenant={} mail_item={} error={}",
                    change.tenantId(),
                    change.mailItemId(),
                    e.toString());
        }
    }
}
