package io.palisade.core.clawback;

import io.palisade.core.action.ActionKind;
import io.palisade.core.action.ActionStatus;
import io.palisade.core.action.MailAction;
import io.palisade.core.action.MailActionRepository;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.mail.MailItem;
import io.palisade.core.pipeline.ActionOutbox;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
    private final MailActionRepository actions;
    private final WorkQueue queue;
    private final AuditLog audit;
    private final VerdictService verdicts;
    private final Clock clock;
    private final EntityManager entityManager;

    public ClawbackService(
            JdbcTemplate jdbc,
            ActionOutbox outbox,
            MailActionRepository actions,
            WorkQueue queue,
            AuditLog audit,
            VerdictService verdicts,
            Clock clock,
            EntityManager entityManager) {
        this.entityManager = entityManager;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.actions = actions;
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
        List<Object[]> links = new ArrayList<>();
        for (MailItem item : request.items()) {
            addAction(
                            item,
                            request.kind(),
                            request.requestedBy(),
                            request.verdictIds().get(item.getId()))
                    .ifPresent(action -> links.add(new Object[] {request.tenantId(), id, action}));
        }
        link(links);
        int added = links.size();
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
     * Adds one copy to a clawback unless it is already in the target state or an open action takes it there.
     *
     * @return whether an action was added
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean addCopy(UUID clawbackId, MailItem item, ActionKind kind, String requestedBy) {
        Optional<UUID> action = addAction(item, kind, requestedBy, null);
        action.ifPresent(a -> link(List.<Object[]>of(new Object[] {item.getTenantId(), clawbackId, a})));
        return action.isPresent();
    }

    private Optional<UUID> addAction(MailItem item, ActionKind kind, String requestedBy, UUID knownVerdictId) {
        if (!needed(item, kind)) {
            return Optional.empty();
        }
        UUID verdictId = knownVerdictId != null
                ? knownVerdictId
                : verdicts.current(item.getTenantId(), item.getId())
                        .map(VerdictVersion::getId)
                        .orElse(null);
        MailAction action = outbox.add(item.getTenantId(), item.getId(), verdictId, List.of(kind), requestedBy)
                .getFirst();
        return Optional.of(action.getId());
    }

    private void link(List<Object[]> links) {
        if (links.isEmpty()) {
            return;
        }
        // The actions are JPA entities; the link rows are plain JDBC and must see them.
        entityManager.flush();
        jdbc.batchUpdate("INSERT INTO clawback_actions (tenant_id, clawback_id, action_id) VALUES (?, ?, ?)", links);
    }

    private boolean needed(MailItem item, ActionKind kind) {
        boolean quarantined = QUARANTINE_FOLDER.equals(item.getFolder());
        if (kind == ActionKind.QUARANTINE && quarantined || kind == ActionKind.RELEASE && !quarantined) {
            return false;
        }
        return actions.findByTenantIdAndMailItemIdOrderByCreatedAt(item.getTenantId(), item.getId()).stream()
                .filter(a -> a.getStatus() == ActionStatus.PENDING || a.getStatus() == ActionStatus.RUNNING)
                .noneMatch(a -> a.getKind() == kind);
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
