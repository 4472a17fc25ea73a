package io.palisade.core.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The durable work queue in PostgreSQL: at-least-once delivery to workers on any instance.
 *
 * <p>Enqueue is idempotent on (tenant, kind, idempotency key). Workers {@link #claim} due items with
 * {@code FOR UPDATE SKIP LOCKED}, so concurrent workers never get the same item; each claim carries a lease and a
 * fresh lease token. An item whose lease expires (its worker crashed or stalled) is claimed again, and the stale
 * worker's later {@link #complete} or {@link #fail} is refused because its token no longer matches. Failures are
 * retried with exponential backoff until {@code maxAttempts}, then the item is dead-lettered for operators, who can
 * {@link #retry} it. A handler must therefore be idempotent.
 *
 * <p>Thread-safe. Time comes from the injected {@link Clock}, so instances must keep their clocks in sync.
 */
@Component
public class WorkQueue {

    private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);
    private static final int MAX_ERROR_LENGTH = 2000;
    private static final String INVALID_TEXT = "22P02";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(5);

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final WorkQueueProperties properties;
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

    public WorkQueue(NamedParameterJdbcTemplate jdbc, Clock clock, WorkQueueProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Adds an item that is due at once.
     *
     * @return true if the item is new, false if one with this tenant, kind and key already exists (in any state)
     * @throws IllegalArgumentException if the payload is not JSON or the tenant does not exist
     */
    public boolean enqueue(UUID tenantId, String kind, String idempotencyKey, String payloadJson) {
        return enqueueAt(tenantId, kind, idempotencyKey, payloadJson, clock.instant());
    }

    /** Like {@link #enqueue}, but the item becomes due at {@code runAt}. */
    public boolean enqueueAt(UUID tenantId, String kind, String idempotencyKey, String payloadJson, Instant runAt) {
        MapSqlParameterSource params = enqueueParams(tenantId, kind, new NewWork(idempotencyKey, payloadJson), runAt);
        try {
            boolean added = jdbc.update(WorkQueueSql.ENQUEUE, params) == 1;
            LOG.debug("event=work_enqueued tenant={} kind={} new={}", tenantId, kind, added);
            return added;
        } catch (DataIntegrityViolationException e) {
            throw invalidEnqueue(tenantId, kind, e);
        }
    }

    /**
     * Adds several items of one kind in one transaction and one round trip (a webhook's batch of notifications),
     * each idempotent as in {@link #enqueue}. If one payload is refused, none is added.
     *
     * @return how many were new
     * @throws IllegalArgumentException if a payload is not JSON or the tenant does not exist
     */
    @Transactional
    public int enqueueAll(UUID tenantId, String kind, List<NewWork> items) {
        Instant now = clock.instant();
        SqlParameterSource[] batch = items.stream()
                .map(item -> enqueueParams(tenantId, kind, item, now))
                .toArray(SqlParameterSource[]::new);
        try {
            int added =
                    Arrays.stream(jdbc.batchUpdate(WorkQueueSql.ENQUEUE, batch)).sum();
            LOG.debug("event=work_enqueued tenant={} kind={} count={} new={}", tenantId, kind, items.size(), added);
            return added;
        } catch (DataIntegrityViolationException e) {
            throw invalidEnqueue(tenantId, kind, e);
        }
    }

    private MapSqlParameterSource enqueueParams(UUID tenantId, String kind, NewWork item, Instant runAt) {
        return new MapSqlParameterSource()
                .addValue("id", UUID.randomUUID())
                .addValue("tenantId", tenantId)
                .addValue("kind", kind)
                .addValue("key", item.idempotencyKey())
                .addValue("payload", item.payloadJson())
                .addValue("maxAttempts", properties.maxAttempts())
                .addValue("runAt", at(runAt))
                .addValue("now", at(clock.instant()));
    }

    /**
     * Claims up to {@code max} due items of the given kinds for {@code workerId}, each leased for {@code lease}. Due
     * means READY with {@code runAt} passed, or CLAIMED with an expired lease. An expired item that has used all its
     * attempts is dead-lettered instead of claimed. Call it outside a transaction: each claim commits at once, so
     * the claimed rows are not held locked while the worker handles them.
     *
     * @return the claimed items, each with its lease token; empty when nothing is due
     */
    public List<WorkItem> claim(Collection<String> kinds, String workerId, Duration lease, int max) {
        if (kinds.isEmpty() || max < 1 || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException(
                    "claim needs kinds, max >= 1 and a positive lease; got kinds=" + kinds + " max=" + max);
        }
        Instant now = clock.instant();
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("kinds", kinds)
                .addValue("now", at(now))
                .addValue("error", "lease expired after the last attempt");
        deadLetterExhaustedLeases(params, now);
        params.addValue("worker", workerId)
                .addValue("leaseUntil", at(now.plus(lease)))
                .addValue("max", max);
        List<WorkItem> claimed = jdbc.query(WorkQueueSql.CLAIM, params, WorkQueue::toItem);
        if (!claimed.isEmpty()) {
            LOG.debug("event=work_claimed worker={} count={}", workerId, claimed.size());
        }
        return claimed;
    }

    /**
     * Dead-letters items whose lease ran out on their last attempt, at most once per {@link #SWEEP_INTERVAL} on this
     * instance: such an item is never claimed again, so a few seconds' delay changes nothing, while sweeping on
     * every claim would double the statements of a busy queue.
     */
    private void deadLetterExhaustedLeases(MapSqlParameterSource params, Instant now) {
        Instant due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_INTERVAL))) {
            return;
        }
        int expired = jdbc.update(WorkQueueSql.DEAD_LETTER_EXHAUSTED_LEASES, params);
        if (expired > 0) {
            LOG.warn("event=work_dead_lettered reason=lease_expired count={}", expired);
        }
    }

    /**
     * Moves the due time of a READY item (found by its tenant, kind and idempotency key) to {@code runAt}: a
     * watchdog item that should run only if its owner stops making progress.
     *
     * @return false when no such item is READY (it is claimed, done or missing)
     */
    public boolean postpone(UUID tenantId, String kind, String idempotencyKey, Instant runAt) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("tenantId", tenantId)
                .addValue("kind", kind)
                .addValue("key", idempotencyKey)
                .addValue("runAt", at(runAt))
                .addValue("now", at(now()));
        return jdbc.update(WorkQueueSql.POSTPONE, params) == 1;
    }

    /**
     * Holds the tenant's READY items of {@code kind} whose key starts with {@code keyPrefix} until the caller's
     * transaction ends, so none of them starts before it commits: work that reads the current state when it runs
     * then covers the caller's change as well, and need not be asked for twice. Call it inside a transaction.
     *
     * @return whether such an item was waiting
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean holdReady(UUID tenantId, String kind, String keyPrefix) {
        String prefix = keyPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("tenantId", tenantId)
                .addValue("kind", kind)
                .addValue("prefix", prefix)
                .addValue("now", at(now()));
        return jdbc.update(WorkQueueSql.HOLD_READY, params) > 0;
    }

    /** Extends a held lease by {@code lease} from now; false when the lease was lost. */
    public boolean extendLease(UUID id, UUID leaseToken, Duration lease) {
        MapSqlParameterSource params = leaseParams(id, leaseToken).addValue("leaseUntil", at(now().plus(lease)));
        return jdbc.update(WorkQueueSql.EXTEND_LEASE, params) == 1;
    }

    /** Marks a claimed item done; false (and nothing changes) when the caller no longer holds its lease. */
    public boolean complete(UUID id, UUID leaseToken) {
        boolean done = jdbc.update(WorkQueueSql.COMPLETE, leaseParams(id, leaseToken)) == 1;
        if (!done) {
            LOG.warn("event=work_complete_refused id={} reason=lease_lost", id);
        }
        return done;
    }

    /** Records a failed attempt: retried after the backoff, or dead-lettered when out of attempts. */
    public FailureOutcome fail(UUID id, UUID leaseToken, String error) {
        return fail(id, leaseToken, error, Duration.ZERO);
    }

    /**
     * Records a failed attempt and waits at least {@code retryAfter} (for example a platform's Retry-After) or the
     * backoff, whichever is longer, before the next one.
     */
    public FailureOutcome fail(UUID id, UUID leaseToken, String error, Duration retryAfter) {
        Optional<WorkItem> held = findHeld(id, leaseToken);
        if (held.isEmpty()) {
            LOG.warn("event=work_fail_refused id={} reason=lease_lost", id);
            return FailureOutcome.LEASE_LOST;
        }
        WorkItem item = held.get();
        if (item.attempts() >= item.maxAttempts()) {
            return deadLetter(item, leaseToken, error);
        }
        Duration backoff = properties.backoffAfter(item.attempts());
        Instant runAt = now().plus(backoff.compareTo(retryAfter) >= 0 ? backoff : retryAfter);
        MapSqlParameterSource params =
                leaseParams(id, leaseToken).addValue("error", truncate(error)).addValue("runAt", at(runAt));
        if (jdbc.update(WorkQueueSql.RESCHEDULE, params) == 0) {
            return FailureOutcome.LEASE_LOST;
        }
        LOG.info(
                "event=work_retry_scheduled id={} tenant={} kind={} attempts={} run_at={}",
                id,
                item.tenantId(),
                item.kind(),
                item.attempts(),
                runAt);
        return FailureOutcome.RETRY_SCHEDULED;
    }

    /** Dead-letters a claimed item at once, for failures that no retry can fix. */
    public FailureOutcome failPermanently(UUID id, UUID leaseToken, String error) {
        return findHeld(id, leaseToken)
                .map(item -> deadLetter(item, leaseToken, error))
                .orElse(FailureOutcome.LEASE_LOST);
    }

    /** The tenant's dead-lettered items, most recently failed first. */
    public Page<WorkItem> deadLetters(UUID tenantId, Pageable page) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("tenantId", tenantId)
                .addValue("limit", page.getPageSize())
                .addValue("offset", page.getOffset());
        List<WorkItem> items = jdbc.query(WorkQueueSql.DEAD_LETTERS, params, WorkQueue::toItem);
        Long total = jdbc.queryForObject(WorkQueueSql.COUNT_DEAD_LETTERS, params, Long.class);
        return new PageImpl<>(items, page, total == null ? 0 : total);
    }

    /** Puts one of the tenant's dead items back to READY with fresh attempts; false if it is not dead. */
    public boolean retry(UUID tenantId, UUID id) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("tenantId", tenantId)
                .addValue("id", id)
                .addValue("now", at(now()));
        boolean retried = jdbc.update(WorkQueueSql.RETRY, params) == 1;
        LOG.info("event=work_retry_requested id={} tenant={} retried={}", id, tenantId, retried);
        return retried;
    }

    /**
     * Deletes DONE items last updated more than {@code olderThan} ago, so the table stays small. A duplicate that
     * arrives after its item was purged is enqueued again, so {@code olderThan} must outlast the platforms'
     * redelivery windows (days, not hours).
     *
     * @return how many were deleted
     */
    public int purgeDone(Duration olderThan) {
        MapSqlParameterSource params = new MapSqlParameterSource("before", at(now().minus(olderThan)));
        int purged = jdbc.update(WorkQueueSql.PURGE_DONE, params);
        LOG.info("event=work_purged count={} older_than={}", purged, olderThan);
        return purged;
    }

    /** One of the tenant's items, in any state. */
    public Optional<WorkItem> find(UUID tenantId, UUID id) {
        MapSqlParameterSource params =
                new MapSqlParameterSource().addValue("tenantId", tenantId).addValue("id", id);
        return jdbc.query(WorkQueueSql.FIND, params, WorkQueue::toItem).stream().findFirst();
    }

    /** How many items are in each state, across tenants (for health); every state is present. */
    public Map<WorkState, Long> countsByState() {
        return counts(WorkQueueSql.COUNT_BY_STATE, new MapSqlParameterSource());
    }

    /** How many of the tenant's items are in each state; every state is present. */
    public Map<WorkState, Long> countsByState(UUID tenantId) {
        return counts(WorkQueueSql.COUNT_BY_STATE_FOR_TENANT, new MapSqlParameterSource("tenantId", tenantId));
    }

    /**
     * How many READY and DEAD items each tenant has (for metrics); a tenant with neither is absent, a tenant present
     * has both states.
     */
    public Map<UUID, Map<WorkState, Long>> readyAndDeadByTenant() {
        Map<UUID, Map<WorkState, Long>> counts = new HashMap<>();
        jdbc.query(WorkQueueSql.COUNT_READY_AND_DEAD_BY_TENANT, (ResultSet rs) -> {
            Map<WorkState, Long> tenant = counts.computeIfAbsent(
                    rs.getObject("tenant_id", UUID.class),
                    id -> new EnumMap<>(Map.of(WorkState.READY, 0L, WorkState.DEAD, 0L)));
            tenant.put(WorkState.valueOf(rs.getString("state")), rs.getLong("count"));
        });
        return counts;
    }

    private Map<WorkState, Long> counts(String sql, MapSqlParameterSource params) {
        Map<WorkState, Long> counts = new EnumMap<>(WorkState.class);
        for (WorkState state : WorkState.values()) {
            counts.put(state, 0L);
        }
        jdbc.query(sql, params, (ResultSet rs) -> {
            counts.put(WorkState.valueOf(rs.getString("state")), rs.getLong("count"));
        });
        return counts;
    }

    private FailureOutcome deadLetter(WorkItem item, UUID leaseToken, String error) {
        MapSqlParameterSource params = leaseParams(item.id(), leaseToken).addValue("error", truncate(error));
        if (jdbc.update(WorkQueueSql.DEAD_LETTER, params) == 0) {
            return FailureOutcome.LEASE_LOST;
        }
        LOG.warn(
                "event=work_dead_lettered id={} tenant={} kind={} attempts={}",
                item.id(),
                item.tenantId(),
                item.kind(),
                item.attempts());
        return FailureOutcome.DEAD_LETTERED;
    }

    private Optional<WorkItem> findHeld(UUID id, UUID leaseToken) {
        return jdbc.query(WorkQueueSql.FIND_HELD, leaseParams(id, leaseToken), WorkQueue::toItem).stream()
                .findFirst();
    }

    private MapSqlParameterSource leaseParams(UUID id, UUID leaseToken) {
        return new MapSqlParameterSource()
                .addValue("id", id)
                .addValue("token", leaseToken)
                .addValue("now", at(now()));
    }

    private IllegalArgumentException invalidEnqueue(UUID tenantId, String kind, DataIntegrityViolationException e) {
        String state = SqlStates.of(e);
        String problem = INVALID_TEXT.equals(state)
                ? "payload is not valid JSON"
                : FOREIGN_KEY_VIOLATION.equals(state) ? "tenant does not exist" : "item rejected by the database";
        LOG.warn("event=work_enqueue_rejected tenant={} kind={} problem=\"{}\"", tenantId, kind, problem);
        return new IllegalArgumentException(problem + ": tenant=" + tenantId + " kind=" + kind, e);
    }

    private Instant now() {
        return clock.instant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    static WorkItem toItem(ResultSet rs, int row) throws SQLException {
        return new WorkItem(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getString("kind"),
                rs.getString("idempotency_key"),
                rs.getString("payload"),
                WorkState.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                rs.getInt("max_attempts"),
                instant(rs, "run_at"),
                rs.getString("claimed_by"),
                rs.getObject("lease_token", UUID.class),
                instant(rs, "lease_until"),
                rs.getString("last_error"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
