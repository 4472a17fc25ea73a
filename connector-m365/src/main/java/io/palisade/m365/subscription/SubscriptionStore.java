package io.palisade.m365.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code m365_subscriptions} table. Lookups by subscription id serve the webhook; the rest take the tenant. */
@Repository
public class SubscriptionStore {

    private static final String COLUMNS = "subscription_id, tenant_id, mailbox_id, resource, client_state_hash,"
            + " expires_at, status, encryption_certificate_id";

    private static final List<String> PROBLEM_STATUSES = java.util.Arrays.stream(SubscriptionRecord.Status.values())
            .filter(SubscriptionRecord.Status::isProblem)
            .map(Enum::name)
            .toList();

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public SubscriptionStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records a new subscription, or replaces the row of one Graph re-issued under the same id. */
    public void save(SubscriptionRecord record) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update(
                """
                INSERT INTO m365_subscriptions (subscription_id, tenant_id, mailbox_id, resource, client_state_hash,
                                                expires_at, status, encryption_certificate_id, created_at, updated_at)
                VALUES (:id, :tenant, :mailbox, :resource, :hash, :expires, :status, :certificate, :now, :now)
                ON CONFLICT (subscription_id) DO UPDATE
                   SET expires_at = EXCLUDED.expires_at, status = EXCLUDED.status,
                       client_state_hash = EXCLUDED.client_state_hash,
                       encryption_certificate_id = EXCLUDED.encryption_certificate_id, updated_at = EXCLUDED.updated_at
                 WHERE m365_subscriptions.tenant_id = EXCLUDED.tenant_id
                """,
                new MapSqlParameterSource()
                        .addValue("id", record.subscriptionId())
                        .addValue("tenant", record.tenantId())
                        .addValue("mailbox", record.mailboxId())
                        .addValue("resource", record.resource())
                        .addValue("hash", record.clientStateHash())
                        .addValue("expires", Timestamp.from(record.expiresAt()))
                        .addValue("status", record.status().name())
                        .addValue("certificate", record.encryptionCertificateId())
                        .addValue("now", now));
    }

    /** The subscriptions named in one notification batch, by id; ids Palisade does not know are absent. */
    public Map<String, SubscriptionRecord> findByIds(Collection<String> subscriptionIds) {
        if (subscriptionIds.isEmpty()) {
            return Map.of();
        }
        List<SubscriptionRecord> found = jdbc.query(
                "SELECT " + COLUMNS + " FROM m365_subscriptions WHERE subscription_id IN (:ids)",
                Map.of("ids", subscriptionIds),
                SubscriptionStore::toRecord);
        return found.stream().collect(Collectors.toMap(SubscriptionRecord::subscriptionId, Function.identity()));
    }

    /** A tenant's subscriptions. */
    public List<SubscriptionRecord> findByTenant(UUID tenantId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM m365_subscriptions WHERE tenant_id = :tenant ORDER BY created_at",
                Map.of("tenant", tenantId),
                SubscriptionStore::toRecord);
    }

    /** Active subscriptions, of every tenant, that expire before {@code before}: the renewal job's work. */
    public List<SubscriptionRecord> findExpiringBefore(Instant before) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM m365_subscriptions WHERE status = 'ACTIVE' AND expires_at < :before",
                Map.of("before", Timestamp.from(before)),
                SubscriptionStore::toRecord);
    }

    /**
     * Subscriptions of every tenant to renew: active ones expiring before {@code before}, and ones whose renewal
     * failed before (retried on every run until they succeed or expire).
     */
    public List<SubscriptionRecord> findRenewable(Instant before) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM m365_subscriptions WHERE status IN ('ACTIVE', 'FAILED', 'REAUTHORIZE')"
                        + " AND expires_at < :before ORDER BY expires_at",
                Map.of("before", Timestamp.from(before)),
                SubscriptionStore::toRecord);
    }

    /** How many subscriptions are in each status, and the failed ones with their last error: the health view. */
    public Map<String, Integer> countByStatus() {
        return jdbc.query("SELECT status, count(*) FROM m365_subscriptions GROUP BY status", Map.of(), rs -> {
            Map<String, Integer> counts = new java.util.TreeMap<>();
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
            return counts;
        });
    }

    /** How many of the tenant's subscriptions are in each status. */
    public Map<String, Integer> countByStatus(UUID tenantId) {
        return jdbc.query(
                "SELECT status, count(*) FROM m365_subscriptions WHERE tenant_id = :tenant GROUP BY status",
                Map.of("tenant", tenantId),
                rs -> {
                    Map<String, Integer> counts = new java.util.TreeMap<>();
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getInt(2));
                    }
                    return counts;
                });
    }

    /**
     * A subscription that should deliver notifications and does not, with the error that put it there.
     *
     * @param nextAttemptAt when a refused creation is tried again; null for other problems
     */
    public record Problem(String resource, String status, String error, Instant updatedAt, Instant nextAttemptAt) {}

    /**
     * The tenant's subscriptions in a problem state ({@link SubscriptionRecord.Status#isProblem()}), most recently
     * changed first, at most 50. REMOVED rows (replaced subscriptions, unwatched mailboxes) are history, not problems.
     */
    public List<Problem> problems(UUID tenantId) {
        return jdbc.query(
                """
                SELECT resource, status, last_error, updated_at, next_attempt_at FROM m365_subscriptions
                 WHERE tenant_id = :tenant AND status IN (:problems)
                 ORDER BY updated_at DESC LIMIT 50""",
                Map.of("tenant", tenantId, "problems", PROBLEM_STATUSES),
                (rs, n) -> new Problem(
                        rs.getString("resource"),
                        rs.getString("status"),
                        rs.getString("last_error"),
                        rs.getTimestamp("updated_at").toInstant(),
                        instant(rs.getTimestamp("next_attempt_at"))));
    }

    /** When the tenant's first ACTIVE subscription ends unless renewed; empty when it has none. */
    public Optional<Instant> nextExpiry(UUID tenantId) {
        Timestamp next = jdbc.queryForObject(
                "SELECT min(expires_at) FROM m365_subscriptions WHERE tenant_id = :tenant AND status = 'ACTIVE'",
                Map.of("tenant", tenantId),
                Timestamp.class);
        return Optional.ofNullable(next).map(Timestamp::toInstant);
    }

    /** Sets a subscription's status and expiry, within its tenant; false when it is not there. */
    public boolean update(
            UUID tenantId,
            String subscriptionId,
            SubscriptionRecord.Status status,
            Instant expiresAt,
            String lastError) {
        return jdbc.update(
                        """
                        UPDATE m365_subscriptions SET status = :status, expires_at = :expires, last_error = :error,
                               updated_at = :now
                         WHERE tenant_id = :tenant AND subscription_id = :id
                        """,
                        new MapSqlParameterSource()
                                .addValue("tenant", tenantId)
                                .addValue("id", subscriptionId)
                                .addValue("status", status.name())
                                .addValue("expires", Timestamp.from(expiresAt))
                                .addValue("error", lastError)
                                .addValue("now", Timestamp.from(clock.instant())))
                == 1;
    }

    /** The prefix of the local id of a subscription Graph refused to create; Graph's own ids are GUIDs. */
    public static final String FAILED_CREATION_PREFIX = "create-failed-";

    /**
     * Records that Graph refused to create a subscription to {@code resource}: a CREATE_FAILED row under a local id,
     * or, when the tenant already has one for the resource, that row with one more attempt. The next attempt waits
     * {@code backoff} times two to the power of the attempts made before, at most {@code maxBackoff}.
     *
     * @param mailboxId the mailbox; null for the tenant's chat subscription
     */
    public void saveFailedCreation(
            UUID tenantId, UUID mailboxId, String resource, String error, Duration backoff, Duration maxBackoff) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("id", FAILED_CREATION_PREFIX + UUID.randomUUID())
                .addValue("tenant", tenantId)
                .addValue("mailbox", mailboxId)
                .addValue("resource", resource)
                .addValue("error", error)
                .addValue("backoff", backoff.toSeconds())
                .addValue("max", maxBackoff.toSeconds())
                .addValue("now", Timestamp.from(clock.instant()));
        int updated = jdbc.update("""
                UPDATE m365_subscriptions
                   SET attempts = attempts + 1, last_error = :error, updated_at = :now,
                       next_attempt_at = CAST(:now AS timestamptz)
                                         + make_interval(secs => least(:max, :backoff * power(2, attempts)))
                 WHERE tenant_id = :tenant AND resource = :resource AND status = 'CREATE_FAILED'
                """, params);
        if (updated == 0) {
            jdbc.update("""
                    INSERT INTO m365_subscriptions (subscription_id, tenant_id, mailbox_id, resource, client_state_hash,
                                                    expires_at, status, last_error, attempts, next_attempt_at,
                                                    created_at, updated_at)
                    VALUES (:id, :tenant, :mailbox, :resource, repeat('0', 64), :now, 'CREATE_FAILED', :error, 1,
                            CAST(:now AS timestamptz) + make_interval(secs => least(:max, :backoff)), :now, :now)
                    """, params);
        }
    }

    /** Subscriptions of every tenant that Graph refused to create and whose next attempt is due at {@code now}. */
    public List<SubscriptionRecord> findCreationsDue(Instant now) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM m365_subscriptions WHERE status = 'CREATE_FAILED'"
                        + " AND next_attempt_at <= :now ORDER BY next_attempt_at",
                Map.of("now", Timestamp.from(now)),
                SubscriptionStore::toRecord);
    }

    /** Forgets the tenant's refused creations of {@code resource}, once a subscription to it was made. */
    public void deleteFailedCreations(UUID tenantId, String resource) {
        jdbc.update(
                "DELETE FROM m365_subscriptions WHERE tenant_id = :tenant AND resource = :resource"
                        + " AND status = 'CREATE_FAILED'",
                Map.of("tenant", tenantId, "resource", resource));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static SubscriptionRecord toRecord(ResultSet rs, int row) throws SQLException {
        return new SubscriptionRecord(
                rs.getString("subscription_id"),
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("mailbox_id", UUID.class),
                rs.getString("resource"),
                rs.getString("client_state_hash"),
                rs.getTimestamp("expires_at").toInstant(),
                SubscriptionRecord.Status.valueOf(rs.getString("status")),
                rs.getString("encryption_certificate_id"));
    }
}
