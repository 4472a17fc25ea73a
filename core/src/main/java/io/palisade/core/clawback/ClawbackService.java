package io.palisade.core.clawback;

import io.palisade.core.action.ActionKind;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.mail.MailItem;
import io.palisade.core.pipeline.ActionOutbox;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.verdict.VerdictService;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starts clawbacks: writes the clawback, one action per known copy that is not already in (or on its way to) the
 * target state, and the search for copies Palisade has not seen, all in the caller's transaction.
 */
@Service
public class ClawbackService {

    /** The folder a quarantined item is in, as {@link MailItem#getFolder()} records it. */
    public static final String QUARANTINE_FOLDER = "palisade-quarantine";

    private static final Logger LOG = LoggerFactory.getLogger(ClawbackService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final ActionOutbox outbox;
    private final WorkQueue queue;
    private final AuditLog audit;
    private final VerdictService verdicts;
    private final Clock clock;
    private final EntityManager entityManager;

    public ClawbackService(
            JdbcTemplate jdbc,
            ActionOutbox outbox,
            WorkQueue queue,
            AuditLog audit,
            VerdictService verdicts,
            Clock clock,
            EntityManager entityManager) {
        this.entityManager = entityManager;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.queue = queue;
        this.audit = audit;
        this.verdicts = verdicts;
        this.clock = clock;
    }

    /**
     * What to claw back.
     *
     * @param campaignId the campaign it acts for; null for one message's copies
     * @param kind QUARANTINE, RELEASE, SOFT_DELETE or HARD_DELETE
     * @param items the known copies
     * @param searchFor internet message ids to search every mailbox for (ignored for a release)
     * @param verdictIds the current verdict version of items whose caller knows it; others are looked up
     */
    public record Request(
            UUID tenantId,
            UUID campaignId,
            ActionKind kind,
            Collection<MailItem> items,
            Set<String> searchFor,
            Map<UUID, UUID> verdictIds,
            String requestedBy,
            String reason) {

        public Request {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(requestedBy, "requestedBy");
            if (!Set.of(ActionKind.QUARANTINE, ActionKind.RELEASE, ActionKind.SOFT_DELETE, ActionKind.HARD_DELETE)
                    .contains(kind)) {
                throw new IllegalArgumentException("a clawback cannot " + kind);
            }
            items = List.copyOf(items);
            verdictIds = verdictIds == null ? Map.of() : Map.copyOf(verdictIds);
            searchFor = kind == ActionKind.RELEASE ? Set.of() : new LinkedHashSet<>(searchFor);
        }
    }

    /** Starts a clawback; returns its id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID start(Request request) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO clawbacks (id, tenant_id, campaign_id, kind, requested_by, reason, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                id,
                request.tenantId(),
                request.campaignId(),
                request.kind().name(),
                request.requestedBy(),
                request.reason(),
                Timestamp.from(clock.instant()));
        int added = addActions(
                id, request.tenantId(), request.items(), request.kind(), request.requestedBy(), request.verdictIds());
        if (!request.searchFor().isEmpty()) {
            queue.enqueue(request.tenantId(), ClawbackDiscovery.KIND, id.toString(), discoveryPayload(id, request));
        }
        audit.record(
                request.tenantId(),
                request.requestedBy(),
                "clawback." + request.kind().name().toLowerCase(),
                request.campaignId() == null ? "clawback:" + id : "campaign:" + request.campaignId(),
                (request.reason() == null ? "" : request.reason() + "; ") + added + " copies");
        LOG.info(
                "event=clawback_started tenant={} clawback={} kind={} copies={} searching={}",
                request.tenantId(),
                id,
                request.kind(),
                added,
                request.searchFor().size());
        return id;
    }

    /**
     * Adds the request's copies to a clawback already started (the next chunk of a campaign's members), except those
     * already in the target state or on their way there. Starts no new search: the clawback's own covers it.
     *
     * @return how many copies were added
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int extend(UUID clawbackId, Request request) {
        int added = addActions(
                clawbackId,
                request.tenantId(),
                request.items(),
                request.kind(),
                request.requestedBy(),
                request.verdictIds());
        audit.record(
                request.tenantId(),
                request.requestedBy(),
                "clawback." + request.kind().name().toLowerCase(),
                request.campaignId() == null ? "clawback:" + clawbackId : "campaign:" + request.campaignId(),
                (request.reason() == null ? "" : request.reason() + "; ") + added + " more copies");
        LOG.info(
                "event=clawback_extended tenant={} clawback={} kind={} copies={}",
                request.tenantId(),
                clawbackId,
                request.kind(),
                added);
        return added;
    }

    /**
     * Adds one copy to a clawback unless it is already in the target state or an open action takes it there.
     *
     * @return whether an action was added
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean addCopy(UUID clawbackId, MailItem item, ActionKind kind, String requestedBy) {
        return addActions(clawbackId, item.getTenantId(), List.of(item), kind, requestedBy, Map.of()) == 1;
    }

    /**
     * Writes the actions of the copies that need one and links them to the clawback, in a few statements whatever
     * the number of copies.
     *
     * @return how many actions were added
     */
    private int addActions(
            UUID clawbackId,
            UUID tenantId,
            Collection<MailItem> items,
            ActionKind kind,
            String requestedBy,
            Map<UUID, UUID> knownVerdicts) {
        // Actions saved as entities earlier in the transaction must be visible to the plain SQL below.
        entityManager.flush();
        if (kind == ActionKind.RELEASE) {
            cancelQuarantinesNotStarted(tenantId, items, requestedBy);
        }
        List<MailItem> todo = needing(tenantId, items, kind);
        if (todo.isEmpty()) {
            return 0;
        }
        Map<UUID, UUID> verdictIds = new HashMap<>(knownVerdicts);
        List<UUID> unknown = todo.stream()
                .map(MailItem::getId)
                .filter(i -> !verdictIds.containsKey(i))
                .toList();
        verdicts.currentByItem(tenantId, unknown).forEach((item, v) -> verdictIds.put(item, v.getId()));
        List<ActionOutbox.Planned> planned = todo.stream()
                .map(i -> new ActionOutbox.Planned(i.getId(), verdictIds.get(i.getId()), kind))
                .toList();
        List<UUID> added = outbox.addAll(tenantId, planned, requestedBy);
        jdbc.batchUpdate(
                "INSERT INTO clawback_actions (tenant_id, clawback_id, action_id) VALUES (?, ?, ?)",
                added.stream().map(a -> new Object[] {tenantId, clawbackId, a}).toList());
        return added.size();
    }

    /**
     * The copies a release has to reach: those in quarantine, and those with a quarantine not finished yet (queued,
     * which the release cancels, or started, which the release follows). Call it in the transaction that holds the
     * copies' row locks.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<UUID> quarantinedOrQuarantining(UUID tenantId, Collection<MailItem> items) {
        Set<UUID> found = new LinkedHashSet<>();
        List<UUID> elsewhere = new ArrayList<>();
        for (MailItem item : items) {
            if (QUARANTINE_FOLDER.equals(item.getFolder())) {
                found.add(item.getId());
            } else {
                elsewhere.add(item.getId());
            }
        }
        if (!elsewhere.isEmpty()) {
            found.addAll(jdbc.queryForList(
                    "SELECT DISTINCT mail_item_id FROM actions WHERE tenant_id = ? AND kind = 'QUARANTINE'"
                            + " AND status IN ('PENDING', 'RUNNING')"
                            + " AND mail_item_id = ANY(?)",
                    UUID.class,
                    tenantId,
                    elsewhere.toArray(UUID[]::new)));
        }
        return found;
    }

    /**
     * Cancels the quarantines of these copies that no worker has started: a release that comes first (a verdict
     * lowered while its clawback was still queued) leaves the copy where it is instead of moving it there and back. A
     * quarantine tried before (a retry is queued) may have moved the copy, so it is left to run and be followed. The
     * executor starts an action only while it is still open, so a cancelled one never runs.
     */
    private void cancelQuarantinesNotStarted(UUID tenantId, Collection<MailItem> items, String requestedBy) {
        UUID[] ids = items.stream().map(MailItem::getId).distinct().toArray(UUID[]::new);
        if (ids.length == 0) {
            return;
        }
        String reason = "cancelled: released before it ran";
        List<UUID> cancelled = jdbc.queryForList(
                "UPDATE actions SET status = 'SKIPPED', last_error = ?, updated_at = ? WHERE tenant_id = ?"
                        + " AND kind = 'QUARANTINE' AND status = 'PENDING' AND attempts = 0 AND mail_item_id = ANY(?)"
                        + " RETURNING mail_item_id",
                UUID.class,
                reason,
                Timestamp.from(clock.instant()),
                tenantId,
                ids);
        if (cancelled.isEmpty()) {
            return;
        }
        audit.recordAll(
                tenantId,
                cancelled.stream()
                        .map(item -> new AuditLog.Entry(requestedBy, "action.quarantine", "mail_item:" + item, reason))
                        .toList());
        LOG.info("event=quarantines_cancelled tenant={} copies={} reason=released_first", tenantId, cancelled.size());
    }

    /**
     * The copies not already in the target state, with no open action of the kind taking them there. For a release,
     * called after {@link #cancelQuarantinesNotStarted}: the copies left are those in quarantine or on their way.
     */
    private List<MailItem> needing(UUID tenantId, Collection<MailItem> items, ActionKind kind) {
        Set<UUID> toRelease = kind == ActionKind.RELEASE ? quarantinedOrQuarantining(tenantId, items) : Set.of();
        Map<UUID, MailItem> candidates = new LinkedHashMap<>();
        for (MailItem item : items) {
            boolean quarantined = QUARANTINE_FOLDER.equals(item.getFolder());
            if (!(kind == ActionKind.QUARANTINE && quarantined
                    || kind == ActionKind.RELEASE && !toRelease.contains(item.getId()))) {
                candidates.putIfAbsent(item.getId(), item);
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<UUID> open = jdbc.queryForList(
                "SELECT DISTINCT mail_item_id FROM actions WHERE tenant_id = ? AND kind = ?"
                        + " AND status IN ('PENDING', 'RUNNING') AND mail_item_id = ANY(?)",
                UUID.class,
                tenantId,
                kind.name(),
                candidates.keySet().toArray(UUID[]::new));
        open.forEach(candidates::remove);
        return List.copyOf(candidates.values());
    }

    private static String discoveryPayload(UUID clawbackId, Request request) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("clawbackId", clawbackId.toString());
        payload.put("kind", request.kind().name());
        payload.put("requestedBy", request.requestedBy());
        var ids = payload.putArray("internetMessageIds");
        request.searchFor().forEach(ids::add);
        return JSON.writeValueAsString(payload);
    }
}
