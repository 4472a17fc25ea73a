package io.palisade.core.reevaluation;

import io.palisade.core.action.ActionKind;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.core.work.WorkHandler;
import io.palisade.core.work.WorkSignal;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies an analyst's verdict to every member of a campaign in chunks, each chunk one short transaction (its
 * members' new versions, audit entries and actions), so the workers start moving the first copies while later
 * chunks are still written, and no transaction grows with the campaign.
 *
 * <p>The decision is stored first ({@code campaign_verdicts}) with a cursor that each chunk advances in its own
 * transaction: a restart resumes after the last member done, and no member is written twice. A work item, due
 * the resume delay after the caller's last chunk, finishes a decision whose caller died. Decisions on one campaign are
 * applied one after the other, in the order they were made: whoever advances a campaign (the caller, or a worker
 * resuming) first finishes the oldest open decision, under the campaign's row lock.
 *
 * <p>The analyst's request applies chunks for a short while only (two seconds by default), then hands the rest to that
 * work item, due at once, and answers with how far it came: a campaign of ten thousand members does not keep the
 * analyst waiting for its last version. {@link CampaignDecisions} shows each decision's progress.
 */
@Service
public class CampaignVerdicts implements WorkHandler {

    /** Work-item kind that finishes a decision whose caller stopped before the last chunk. */
    public static final String KIND = "campaign.verdict";

    // How long a worker finishing a decision holds it past each chunk.
    private static final Duration LEASE = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(CampaignVerdicts.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Signal>> SIGNALS = new TypeReference<>() {};
    private static final TypeReference<Map<ActionKind, UUID>> CLAWBACKS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Reevaluator reevaluator;
    private final AuditLog audit;
    private final WorkQueue queue;
    private final Clock clock;
    private final WorkSignal signal;
    private final CampaignDecisions decisions;
    private final int chunk;
    private final Duration resumeAfter;
    private final Duration answerWithin;

    /**
     * @param chunk members per transaction ({@code palisade.campaigns.verdict-chunk}, 500): small enough that the
     *     first copies move within a second, large enough that ten thousand copies take twenty rounds of a few
     *     batched statements
     * @param resumeAfter how long a decision is left to its caller, after its last chunk, before a worker takes it
     *     over ({@code palisade.campaigns.resume-after}, 30 s)
     * @param answerWithin how long the analyst's request applies chunks before it answers and leaves the rest to a
     *     worker ({@code palisade.campaigns.answer-within}, 2 s)
     */
    public CampaignVerdicts(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            Reevaluator reevaluator,
            AuditLog audit,
            WorkQueue queue,
            Clock clock,
            WorkSignal signal,
            CampaignDecisions decisions,
            @Value("${palisade.campaigns.verdict-chunk:500}") int chunk,
            @Value("${palisade.campaigns.resume-after:30s}") Duration resumeAfter,
            @Value("${palisade.campaigns.answer-within:2s}") Duration answerWithin) {
        if (chunk < 1) {
            throw new IllegalArgumentException("palisade.campaigns.verdict-chunk must be at least 1, got " + chunk);
        }
        this.chunk = chunk;
        this.resumeAfter = resumeAfter;
        this.answerWithin = answerWithin;
        this.signal = signal;
        this.decisions = decisions;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.reevaluator = reevaluator;
        this.audit = audit;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * What a decision's request did before it answered.
     *
     * @param decisionId the decision, to follow with {@link CampaignDecisions}
     * @param versions the versions the request wrote; the workers write the rest when it is not finished
     * @param clawbacks the decision's clawbacks, by kind (started by its first chunk; empty while an earlier decision
     *     on the campaign keeps it waiting)
     * @param membersDone how many members had their version when the request answered
     * @param members how many members the campaign had then
     * @param finished whether every member had its version; when false a worker is applying the rest
     */
    public record Applied(
            UUID decisionId,
            List<VerdictVersion> versions,
            Map<ActionKind, UUID> clawbacks,
            int membersDone,
            int members,
            boolean finished) {}

    /**
     * Records the decision and applies it chunk after chunk for up to the configured answer time ({@code
     * palisade.campaigns.answer-within}), then leaves what is left to a worker at once. Must not be called inside a
     * transaction: each chunk commits on its own.
     *
     * @param reason as the analyst wrote it; never null
     * @throws NoSuchElementException if the tenant has no such campaign
     */
    public Applied decide(UUID tenantId, UUID campaignId, Verdict verdict, String analyst, String reason) {
        return decide(tenantId, campaignId, verdict, analyst, reason, answerWithin);
    }

    /**
     * As {@link #decide(UUID, UUID, Verdict, String, String)}, answering after {@code answerWithin}. One chunk is
     * always applied before the answer: unless an earlier decision on the campaign is still being applied, a campaign
     * of one chunk (500 members by default) is finished when this returns, and a larger one's clawbacks exist.
     */
    public Applied decide(
            UUID tenantId, UUID campaignId, Verdict verdict, String analyst, String reason, Duration answerWithin) {
        long deadline = System.nanoTime() + answerWithin.toNanos();
        UUID decision = open(tenantId, campaignId, verdict, analyst, reason);
        List<VerdictVersion> versions = new ArrayList<>();
        Step step;
        do {
            step = next(tenantId, campaignId, decision);
            if (decision.equals(step.decision())) {
                versions.addAll(step.versions());
            }
        } while (!step.untilFinished() && System.nanoTime() - deadline < 0);
        if (!step.untilFinished()) {
            // The analyst gets an answer now; a worker applies the rest without waiting for the resume delay.
            queue.postpone(tenantId, KIND, decision.toString(), clock.instant());
            signal.wake();
            LOG.info(
                    "event=campaign_verdict_handed_over tenant={} campaign={} decision={} versions_written={}",
                    tenantId,
                    campaignId,
                    decision,
                    versions.size());
        }
        CampaignDecisions.Progress progress = decisions.of(tenantId, decision);
        return new Applied(
                decision,
                versions,
                clawbacksOf(tenantId, decision),
                progress.membersDone(),
                progress.members(),
                step.untilFinished());
    }

    /**
     * Applies the next chunk, in a transaction of its own: of the campaign's oldest open decision (which is {@code
     * decision} or one made before it), the next members after its cursor.
     *
     * @return whether {@code decision} is finished now
     */
    public boolean applyNextChunk(UUID tenantId, UUID campaignId, UUID decision) {
        return next(tenantId, campaignId, decision).untilFinished();
    }

    private Step next(UUID tenantId, UUID campaignId, UUID decision) {
        return transactions.execute(status -> {
            // Still here: the watchdog that would take the decision over waits a while longer.
            queue.postpone(tenantId, KIND, decision.toString(), clock.instant().plus(resumeAfter));
            return advance(tenantId, campaignId, decision);
        });
    }

    /**
     * Records a decision on a campaign and the work that finishes it should its caller stop, in one transaction of
     * its own. {@link #applyNextChunk} then applies it; the workers do if nobody does within the resume delay.
     *
     * @return the decision's id
     * @throws NoSuchElementException if the tenant has no such campaign
     */
    public UUID open(UUID tenantId, UUID campaignId, Verdict verdict, String analyst, String reason) {
        return transactions.execute(status -> record(tenantId, campaignId, verdict, analyst, reason));
    }

    private UUID record(UUID tenantId, UUID campaignId, Verdict verdict, String analyst, String reason) {
        lockCampaign(tenantId, campaignId);
        audit.record(tenantId, analyst, "verdict.set", "campaign:" + campaignId, verdict.level() + ": " + reason);
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO campaign_verdicts (id, tenant_id, campaign_id, score, level, signals, engine_version,"
                        + " decided_by, created_at) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)",
                id,
                tenantId,
                campaignId,
                verdict.score(),
                verdict.level().name(),
                JSON.writeValueAsString(verdict.signals()),
                verdict.engineVersion(),
                analyst,
                Timestamp.from(clock.instant()));
        queue.enqueueAt(
                tenantId,
                KIND,
                id.toString(),
                JSON.createObjectNode()
                        .put("decisionId", id.toString())
                        .put("campaignId", campaignId.toString())
                        .toString(),
                clock.instant().plus(resumeAfter));
        LOG.info(
                "event=campaign_verdict_opened tenant={} campaign={} decision={} level={}",
                tenantId,
                campaignId,
                id,
                verdict.level());
        return id;
    }

    /**
     * One chunk, in the caller's transaction: of the campaign's oldest open decision, the next members after its
     * cursor. Does nothing when {@code until} is finished already.
     *
     * @param until the decision the caller waits for
     */
    private Step advance(UUID tenantId, UUID campaignId, UUID until) {
        lockCampaign(tenantId, campaignId);
        Optional<Decision> oldest = isOpen(tenantId, until) ? oldestOpen(tenantId, campaignId) : Optional.empty();
        if (oldest.isEmpty()) {
            return Step.NONE;
        }
        Decision decision = oldest.get();
        List<UUID> members = nextMembers(tenantId, campaignId, decision.cursor());
        Reevaluator.Outcome outcome = reevaluator.reevaluate(
                tenantId,
                members,
                (item, current) -> Optional.of(decision.verdict()),
                VerdictCause.ANALYST,
                decision.decidedBy(),
                campaignId,
                decision.clawbacks(),
                () -> messageIds(tenantId, campaignId));
        Map<ActionKind, UUID> clawbacks = new EnumMap<>(ActionKind.class);
        clawbacks.putAll(decision.clawbacks());
        clawbacks.putAll(outcome.clawbacks());
        boolean last = members.size() < chunk;
        jdbc.update(
                "UPDATE campaign_verdicts SET cursor_item = ?, items_done = items_done + ?,"
                        + " clawbacks = CAST(? AS jsonb), finished_at = ? WHERE tenant_id = ? AND id = ?",
                members.isEmpty() ? decision.cursor() : members.getLast(),
                members.size(),
                JSON.writeValueAsString(clawbacks),
                last ? Timestamp.from(clock.instant()) : null,
                tenantId,
                decision.id());
        if (last) {
            LOG.info(
                    "event=campaign_verdict_applied tenant={} campaign={} decision={} items={}",
                    tenantId,
                    campaignId,
                    decision.id(),
                    decision.itemsDone() + members.size());
        }
        return new Step(decision.id(), outcome.versions(), last && decision.id().equals(until));
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Finishes a decision whose caller stopped; a finished one is left as it is. */
    @Override
    public void handle(WorkItem work) {
        JsonNode payload = JSON.readTree(work.payloadJson());
        UUID decision = UUID.fromString(payload.path("decisionId").asString());
        UUID campaignId = UUID.fromString(payload.path("campaignId").asString());
        Step step;
        do {
            step = transactions.execute(status -> advance(work.tenantId(), campaignId, decision));
            queue.extendLease(work.id(), work.leaseToken(), LEASE);
        } while (!step.untilFinished());
    }

    /** The clawbacks a decision started, by kind. */
    public Map<ActionKind, UUID> clawbacksOf(UUID tenantId, UUID decision) {
        String json = jdbc.queryForObject(
                "SELECT clawbacks::text FROM campaign_verdicts WHERE tenant_id = ? AND id = ?",
                String.class,
                tenantId,
                decision);
        return JSON.readValue(json, CLAWBACKS);
    }

    private void lockCampaign(UUID tenantId, UUID campaignId) {
        // Serialises everyone acting on one campaign: the second analyst's decision waits for the first's chunk.
        List<UUID> locked = jdbc.queryForList(
                "SELECT id FROM campaigns WHERE tenant_id = ? AND id = ? FOR UPDATE", UUID.class, tenantId, campaignId);
        if (locked.isEmpty()) {
            throw new NoSuchElementException("no campaign " + campaignId + " in tenant " + tenantId);
        }
    }

    private List<UUID> nextMembers(UUID tenantId, UUID campaignId, UUID after) {
        String members = "SELECT mail_item_id FROM campaign_members WHERE tenant_id = ? AND campaign_id = ?";
        if (after == null) {
            return jdbc.queryForList(
                    members + " ORDER BY mail_item_id LIMIT ?", UUID.class, tenantId, campaignId, chunk);
        }
        return jdbc.queryForList(
                members + " AND mail_item_id > ? ORDER BY mail_item_id LIMIT ?",
                UUID.class,
                tenantId,
                campaignId,
                after,
                chunk);
    }

    private boolean isOpen(UUID tenantId, UUID decision) {
        return !jdbc.queryForList(
                        "SELECT id FROM campaign_verdicts WHERE tenant_id = ? AND id = ? AND finished_at IS NULL",
                        UUID.class,
                        tenantId,
                        decision)
                .isEmpty();
    }

    private Optional<Decision> oldestOpen(UUID tenantId, UUID campaignId) {
        return jdbc
                .query(
                        "SELECT id, score, level, signals::text AS signals, engine_version, decided_by, cursor_item,"
                                + " items_done, clawbacks::text AS clawbacks FROM campaign_verdicts"
                                + " WHERE tenant_id = ? AND campaign_id = ? AND finished_at IS NULL"
                                + " ORDER BY seq LIMIT 1",
                        (rs, row) -> new Decision(
                                rs.getObject("id", UUID.class),
                                new Verdict(
                                        rs.getInt("score"),
                                        RiskLevel.valueOf(rs.getString("level")),
                                        JSON.readValue(rs.getString("signals"), SIGNALS),
                                        rs.getString("engine_version")),
                                rs.getString("decided_by"),
                                rs.getObject("cursor_item", UUID.class),
                                rs.getInt("items_done"),
                                JSON.readValue(rs.getString("clawbacks"), CLAWBACKS)),
                        tenantId,
                        campaignId)
                .stream()
                .findFirst();
    }

    /** Every internet message id among the members: what a clawback of the campaign searches the mailboxes for. */
    private LinkedHashSet<String> messageIds(UUID tenantId, UUID campaignId) {
        return new LinkedHashSet<>(jdbc.queryForList(
                "SELECT DISTINCT m.internet_message_id FROM campaign_members c JOIN mail_items m"
                        + " ON m.tenant_id = c.tenant_id AND m.id = c.mail_item_id"
                        + " WHERE c.tenant_id = ? AND c.campaign_id = ? AND m.internet_message_id IS NOT NULL",
                String.class,
                tenantId,
                campaignId));
    }

    private record Decision(
            UUID id, Verdict verdict, String decidedBy, UUID cursor, int itemsDone, Map<ActionKind, UUID> clawbacks) {}

    /**
     * What one {@link #advance} did.
     *
     * @param decision the decision it advanced; null when none was open
     * @param versions the versions it wrote
     * @param untilFinished whether the decision the caller waits for is finished now
     */
    record Step(UUID decision, List<VerdictVersion> versions, boolean untilFinished) {
        static final Step NONE = new Step(null, List.of(), true);
    }
}
