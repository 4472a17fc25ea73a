package io.palisade.core.events;

import io.palisade.core.chat.ChatVerdictChanged;
import io.palisade.core.verdict.VerdictChanged;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the other instances about local verdict changes, of mail items and of chat items, once their transaction has
 * committed, with NOTIFY on {@link VerdictNotifications#CHANNEL}: the changes of one transaction go out together in
 * one statement, so a campaign verdict of ten thousand messages costs one round trip, not ten thousand. A change
 * rolled back is never announced. A failed NOTIFY is logged; the verdicts themselves are committed and every view can
 * reload them.
 */
@Component
public class VerdictNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(VerdictNotifier.class);
    private static final int BATCH = 1_000;

    private final DataSource dataSource;
    private final InstanceIdentity instance;

    public VerdictNotifier(DataSource dataSource, InstanceIdentity instance) {
        this.dataSource = dataSource;
        this.instance = instance;
    }

    /** Queues a local change for the commit of its transaction, or sends it at once outside one. */
    @EventListener
    public void on(VerdictChanged change) {
        if (!change.remote()) {
            queue(change);
        }
    }

    /** Queues a local chat item's change with the mail items' changes of its transaction, in the same statement. */
    @EventListener
    public void on(ChatVerdictChanged change) {
        if (!change.remote()) {
            queue(change);
        }
    }

    private void queue(Object change) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            send(List.of(change));
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.changes.add(change);
    }

    /**
     * Sends the changes now; one statement per {@value #BATCH}.
     *
     * @param changes {@link VerdictChanged} and {@link ChatVerdictChanged} events, in any mix
     */
    public void send(List<?> changes) {
        for (int from = 0; from < changes.size(); from += BATCH) {
            List<?> batch = changes.subList(from, Math.min(changes.size(), from + BATCH));
            String[] payloads = batch.stream()
                    .map(c -> VerdictNotifications.encode(instance.id(), c))
                    .toArray(String[]::new);
            // A connection of its own, in autocommit: the committed transaction's connection may still be bound.
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement notify =
                            connection.prepareStatement("SELECT pg_notify(?, p) FROM unnest(?) AS p")) {
                connection.setAutoCommit(true);
                notify.setString(1, VerdictNotifications.CHANNEL);
                notify.setArray(2, connection.createArrayOf("text", payloads));
                notify.executeQuery().close();
            } catch (SQLException | RuntimeException e) {
                LOG.error("event=verdict_notify_failed changes={} error={}", batch.size(), e.toString());
            }
        }
    }

    private final class Pending implements TransactionSynchronization {
        private final List<Object> changes = new ArrayList<>();

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(VerdictNotifier.this);
            if (status == STATUS_COMMITTED) {
                send(changes);
            }
        }
    }
}
