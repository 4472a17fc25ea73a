package io.palisade.core.notify;

import io.palisade.core.audit.AuditLog;
import io.palisade.core.crypto.SecretCipher;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's webhook for admin notifications. Its URL is a secret (incoming webhooks of Teams and Slack carry their
 * token in it): stored encrypted with {@link SecretCipher}, bound to the tenant, so a value copied to another tenant's
 * row does not decrypt; never logged, audited or shown back, not even in an error message.
 */
// Not yet: one webhook per tenant; no e-mail delivery and no routing per level or per admin.
@Service
public class NotificationWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationWebhooks.class);
    private static final int MAX_URL_LENGTH = 2000;

    private final JdbcTemplate jdbc;
    private final SecretCipher cipher;
    private final AuditLog audit;
    private final Clock clock;

    public NotificationWebhooks(JdbcTemplate jdbc, SecretCipher cipher, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Whether a tenant has a webhook, and who set it when; never the URL.
     *
     * @param updatedAt null when none is set
     * @param updatedBy null when none is set
     */
    public record Status(boolean configured, Instant updatedAt, String updatedBy) {}

    /**
     * Sets the tenant's webhook, replacing any other.
     *
     * @throws IllegalArgumentException when the URL is not an absolute http(s) URL without user or password; the
     *     message does not quote it
     */
    @Transactional
    public Status set(UUID tenantId, String url, String actor) {
        URI checked = validated(url);
        Instant now = clock.instant();
        jdbc.update("""
                INSERT INTO admin_notification_webhooks (tenant_id, url_ciphertext, updated_by, updated_at)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET url_ciphertext = EXCLUDED.url_ciphertext,
                    updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
                """, tenantId, cipher.encrypt(checked.toString(), context(tenantId)), actor, Timestamp.from(now));
        audit.record(tenantId, actor, "notification_webhook.set", "tenant:" + tenantId, "webhook set");
        LOG.info("event=notification_webhook_set tenant={} scheme={}", tenantId, checked.getScheme());
        return new Status(true, now, actor);
    }

    /** Removes the tenant's webhook; later notifications are only listed. Returns whether there was one. */
    @Transactional
    public boolean clear(UUID tenantId, String actor) {
        int removed = jdbc.update("DELETE FROM admin_notification_webhooks WHERE tenant_id = ?", tenantId);
        if (removed > 0) {
            audit.record(tenantId, actor, "notification_webhook.cleared", "tenant:" + tenantId, "webhook removed");
            LOG.info("event=notification_webhook_cleared tenant={}", tenantId);
        }
        return removed > 0;
    }

    /** Whether the tenant has a webhook, without the URL. */
    @Transactional(readOnly = true)
    public Status status(UUID tenantId) {
        return jdbc
                .query(
                        "SELECT updated_at, updated_by FROM admin_notification_webhooks WHERE tenant_id = ?",
                        (rs, row) ->
                                new Status(true, rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by")),
                        tenantId)
                .stream()
                .findFirst()
                .orElse(new Status(false, null, null));
    }

    /**
     * The tenant's webhook URL, decrypted, for the delivery only; empty when none is set.
     *
     * @throws io.palisade.core.crypto.SecretDecryptionException when the stored value does not decrypt
     */
    Optional<URI> load(UUID tenantId) {
        return jdbc
                .queryForList(
                        "SELECT url_ciphertext FROM admin_notification_webhooks WHERE tenant_id = ?",
                        String.class,
                        tenantId)
                .stream()
                .findFirst()
                .map(stored -> URI.create(cipher.decrypt(stored, context(tenantId))));
    }

    private static URI validated(String url) {
        String refusal = "a webhook URL must be an absolute http or https URL of at most " + MAX_URL_LENGTH
                + " characters, without a user or password";
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw new IllegalArgumentException(refusal);
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http"))
                    || uri.getHost() == null
                    || uri.getUserInfo() != null) {
                throw new IllegalArgumentException(refusal);
            }
            return uri;
        } catch (URISyntaxException e) {
            // The exception quotes the URL: only the refusal goes further.
            throw new IllegalArgumentException(refusal);
        }
    }

    private static String context(UUID tenantId) {
        return "notification-webhook:" + tenantId;
    }
}
