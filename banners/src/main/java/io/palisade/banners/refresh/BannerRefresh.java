package io.palisade.banners.refresh;

import io.palisade.core.queue.WorkQueue;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictChanged;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * When a message's verdict changes level, queues a refresh of every copy's banner ({@link BannerRefreshWork}) in
 * the verdict's own transaction (of that copy's only, for a recipient's trust, which concerns no other copy), so
 * the refresh exists exactly when the verdict does and survives a crash right after the commit. Local changes
 * only: the instance that made the change does the writing.
 *
 * <p>One refresh per message and transaction: an analyst's decision records a new version on every copy (a
 * thousand copies, a thousand changes) in one transaction, and one refresh already covers every copy. The work
 * item's key is the message's internet message id with the transaction's start time, which PostgreSQL keeps the
 * same for the whole transaction; a later change is a later transaction and gets a refresh of its own, unless the
 * message's refresh is still waiting: then that one is held until the later change commits ({@link
 * WorkQueue#holdReady}) and covers it, since a refresh reads the state when it runs. A campaign decision applied
 * in twenty chunks thus costs one or two refreshes of its ten thousand copies, not twenty.
 */
@Component
public class BannerRefresh {

    private static final String MESSAGE_OF_ITEM = "SELECT coalesce(internet_message_id, id::text),"
            + " to_char(transaction_timestamp() AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS')"
            + " FROM mail_items WHERE tenant_id = ? AND id = ?";

    // The other copies of the item's message; none when it has no internet message id.
    private static final String COPIES_OF_ITEM = """
            SELECT c.id FROM mail_items m
              JOIN mail_items c ON c.tenant_id = m.tenant_id AND c.internet_message_id = m.internet_message_id
             WHERE m.tenant_id = ? AND m.id = ?
            """;

    private final WorkQueue queue;
    private final JdbcTemplate jdbc;

    public BannerRefresh(WorkQueue queue, JdbcTemplate jdbc) {
        this.queue = queue;
        this.jdbc = jdbc;
    }

    /** Inside the transaction that records the verdict version. */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    public void onVerdictChanged(VerdictChanged change) {
        if (change.remote() || !change.levelChanged() || change.previousLevel() == null) {
            // The first verdict's banner comes from the policy's own actions.
            return;
        }
        if (change.cause() == VerdictCause.RECIPIENT_TRUST) {
            // The recipient's trust changes their own copy's banner only; the other copies keep theirs.
            queue.enqueue(
                    change.tenantId(),
                    BannerRefreshWork.KIND,
                    "copy:" + change.mailItemId() + ":" + change.version(),
                    payload(change, true));
            return;
        }
        Set<UUID> covered = coveredInThisTransaction();
        if (covered.contains(change.mailItemId())) {
            return;
        }
        // Hashed: internet message ids are sender-chosen and long.
        List<String[]> perMessage = jdbc.query(
                MESSAGE_OF_ITEM,
                (rs, row) -> new String[] {sha256(rs.getString(1)), rs.getString(2)},
                change.tenantId(),
                change.mailItemId());
        // A refresh of the message still waiting reads the state when it runs: held until this commit, it covers
        // this change too (a campaign decision's chunks are a transaction each, one refresh does for all).
        boolean waiting = !perMessage.isEmpty()
                && queue.holdReady(
                        change.tenantId(), BannerRefreshWork.KIND, perMessage.getFirst()[0] + ":");
        if (!waiting) {
            String key = perMessage.isEmpty()
                    ? change.mailItemId() + ":" + change.version()
                    : perMessage.getFirst()[0] + ":" + perMessage.getFirst()[1];
            queue.enqueue(change.tenantId(), BannerRefreshWork.KIND, key, payload(change, false));
        }
        covered.add(change.mailItemId());
        covered.addAll(jdbc.queryForList(COPIES_OF_ITEM, UUID.class, change.tenantId(), change.mailItemId()));
    }

    /**
     * The copies whose message already has its refresh in this transaction, so the thousand changes of one decision
     * cost two queries, not two each.
     */
    @SuppressWarnings("unchecked")
    private Set<UUID> coveredInThisTransaction() {
        Set<UUID> covered = (Set<UUID>) TransactionSynchronizationManager.getResource(this);
        if (covered == null) {
            covered = new HashSet<>();
            TransactionSynchronizationManager.bindResource(this, covered);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(BannerRefresh.this);
                }
            });
        }
        return covered;
    }

    private static String payload(VerdictChanged change, boolean copyOnly) {
        return "{\"mailItemId\":\"" + change.mailItemId() + "\",\"version\":" + change.version()
                + (copyOnly ? ",\"copyOnly\":true}" : "}");
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
