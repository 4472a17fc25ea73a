package io.palisade.banners.refresh;

import io.palisade.core.queue.WorkQueue;
import io.palisade.core.verdict.VerdictChanged;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When a message's verdict changes level, queues a refresh of every copy's banner ({@link BannerRefreshWork}) in
 * the verdict's own transaction, so the refresh exists exactly when the verdict does and survives a crash right
 * after the commit. Local changes only: the instance that made the change does the writing.
 *
 * <p>One refresh per message and transaction: an analyst's decision records a new version on every copy (a
 * thousand copies, a thousand changes) in one transaction, and one refresh already covers every copy. The work
 * item's key is the message's internet message id with the transaction's start time, which PostgreSQL keeps the
 * same for the whole transaction; a later change is a later transaction and gets a refresh of its own.
 */
@Component
public class BannerRefresh {

    private static final String MESSAGE_OF_ITEM = "SELECT coalesce(internet_message_id, id::text),"
            + " to_char(transaction_timestamp() AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS')"
            + " FROM mail_items WHERE tenant_id = ? AND id = ?";

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
        // Hashed: internet message ids are sender-chosen and long.
        List<String> perMessage = jdbc.query(
                MESSAGE_OF_ITEM,
                (rs, row) -> sha256(rs.getString(1)) + ":" + rs.getString(2),
                change.tenantId(),
                change.mailItemId());
        String key = perMessage.isEmpty() ? change.mailItemId() + ":" + change.version() : perMessage.getFirst();
        String payload = "{\"mailItemId\":\"" + change.mailItemId() + "\",\"version\":" + change.version() + "}";
        queue.enqueue(change.tenantId(), BannerRefreshWork.KIND, key, payload);
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
