package io.palisade.banners.refresh;

import io.palisade.banners.live.BannerState;
import io.palisade.banners.live.BannerStates;
import io.palisade.core.action.ActionKind;
import io.palisade.core.action.ActionStatus;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.pipeline.ActionOutbox;
import io.palisade.core.pipeline.ActionPolicy;
import io.palisade.core.policy.PolicyDocument;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.core.work.WorkHandler;
import io.palisade.core.work.WorkSignal;
import io.palisade.detection.api.RiskLevel;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks for a BANNER action on every copy of a message in the tenant (same internet message id) through core's
 * outbox: the action workers re-render each banner from the current state and write it back through the
 * connector, which records the copy's new provider id.
 *
 * <p>Which copies ({@code copyOnly} in the payload: just the changed one, for a recipient's trust): those whose
 * policy at the current level asks for a banner, and those where a banner write ever finished (so a lowered
 * verdict updates the banner, or removes it at CLEAN, and a later rise brings it back). A copy with a BANNER
 * action still waiting is left out, since that action reads the current state when it runs, and so is a copy
 * whose BANNER action was asked for at or after the change (by the policy in the change's own transaction): it
 * started after the change committed, so it writes the new state. Repeating an item is harmless for the same
 * reasons.
 */
@Component
public class BannerRefreshWork implements WorkHandler {

    /** The work-item kind. */
    public static final String KIND = "banners.refresh";

    /** Who the refresh actions are recorded as requested by. */
    public static final String REQUESTED_BY = "system:banner-refresh";

    private static final Logger LOG = LoggerFactory.getLogger(BannerRefreshWork.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CHUNK = 100;
    private static final String BANNER_HISTORY = """
            SELECT mail_item_id, status, bool_or(created_at >= :since) FROM actions
             WHERE tenant_id = :tenantId AND kind = :kind AND mail_item_id IN (:items)
             GROUP BY mail_item_id, status
            """;

    private final MailItemRepository mailItems;
    private final NamedParameterJdbcTemplate jdbc;
    private final VerdictService verdicts;
    private final BannerStates states;
    private final ActionPolicy policy;
    private final ActionOutbox outbox;
    private final TransactionTemplate transactions;
    private final WorkSignal workers;

    public BannerRefreshWork(
            MailItemRepository mailItems,
            NamedParameterJdbcTemplate jdbc,
            VerdictService verdicts,
            BannerStates states,
            ActionPolicy policy,
            ActionOutbox outbox,
            TransactionTemplate transactions,
            WorkSignal workers) {
        this.mailItems = mailItems;
        this.jdbc = jdbc;
        this.verdicts = verdicts;
        this.states = states;
        this.policy = policy;
        this.outbox = outbox;
        this.transactions = transactions;
        this.workers = workers;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void handle(WorkItem work) {
        JsonNode payload = JSON.readTree(work.payloadJson());
        UUID tenantId = work.tenantId();
        UUID mailItemId = UUID.fromString(payload.path("mailItemId").asString());
        boolean copyOnly = payload.path("copyOnly").asBoolean(false);
        Plan plan = transactions.execute(status -> plan(tenantId, mailItemId, copyOnly));
        if (plan == null) {
            LOG.warn("event=banner_refresh_skipped tenant={} mail_item={} reason=item_gone", tenantId, mailItemId);
            return;
        }
        int asked = 0;
        // Chunks of their own transactions, so the action workers start on the first copies while the rest are
        // still being asked for; a redelivered item skips the copies whose action is already pending.
        for (int from = 0; from < plan.copies().size(); from += CHUNK) {
            List<MailItem> chunk = plan.copies()
                    .subList(from, Math.min(from + CHUNK, plan.copies().size()));
            Integer inChunk = transactions.execute(status -> ask(tenantId, plan, chunk));
            asked += inChunk == null ? 0 : inChunk;
            workers.wake();
        }
        LOG.info(
                "event=banner_refresh tenant={} mail_item={} level={} copies={} actions={}",
                tenantId,
                mailItemId,
                plan.level(),
                plan.copies().size(),
                asked);
    }

    private Plan plan(UUID tenantId, UUID mailItemId, boolean copyOnly) {
        MailItem changed = mailItems.findByTenantIdAndId(tenantId, mailItemId).orElse(null);
        VerdictVersion verdict = verdicts.current(tenantId, mailItemId).orElse(null);
        if (changed == null || verdict == null) {
            return null;
        }
        BannerState state = states.current(changed).orElseThrow();
        List<MailItem> copies = copyOnly ? List.of(changed) : states.copies(changed);
        return new Plan(verdict.getId(), state.level(), state.decidedAt(), copies);
    }

    private int ask(UUID tenantId, Plan plan, List<MailItem> chunk) {
        // One read of the policy and one of the chunk's banner history, rather than a few queries per copy: a
        // campaign message has thousands of copies.
        PolicyDocument tenantPolicy = policy.policyOf(tenantId);
        Map<UUID, Set<ActionStatus>> history = new HashMap<>();
        Set<UUID> askedSinceChange = new HashSet<>();
        readBannerHistory(tenantId, plan, chunk, history, askedSinceChange);
        List<ActionOutbox.Planned> banners = new ArrayList<>();
        for (MailItem item : chunk) {
            // The policy can differ per copy: mailbox groups have overrides of their own.
            boolean wanted = policy.actionsFor(tenantPolicy, item, plan.level()).contains(ActionKind.BANNER);
            if (!askedSinceChange.contains(item.getId())
                    && needsBanner(history.getOrDefault(item.getId(), Set.of()), wanted, plan.level())) {
                banners.add(new ActionOutbox.Planned(item.getId(), plan.verdictId(), ActionKind.BANNER));
            }
        }
        outbox.addAll(tenantId, banners, REQUESTED_BY);
        return banners.size();
    }

    /**
     * The statuses of each copy's BANNER actions, by mail item, and the copies with a BANNER action asked for at or
     * after the change that has not failed.
     */
    private void readBannerHistory(
            UUID tenantId, Plan plan, List<MailItem> chunk, Map<UUID, Set<ActionStatus>> statuses, Set<UUID> fresh) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("tenantId", tenantId)
                .addValue("kind", ActionKind.BANNER.name())
                .addValue("since", Timestamp.from(plan.changedAt()))
                .addValue("items", chunk.stream().map(MailItem::getId).toList());
        jdbc.query(BANNER_HISTORY, params, rs -> {
            UUID item = rs.getObject(1, UUID.class);
            ActionStatus status = ActionStatus.valueOf(rs.getString(2));
            statuses.computeIfAbsent(item, id -> EnumSet.noneOf(ActionStatus.class))
                    .add(status);
            if (rs.getBoolean(3) && status != ActionStatus.FAILED) {
                fresh.add(item);
            }
        });
    }

    private record Plan(UUID verdictId, RiskLevel level, Instant changedAt, List<MailItem> copies) {}

    // A copy's actions run one after the other (ActionExecutor), so a banner asked beside a quarantine is written
    // before or after the move, never lost to it.
    private static boolean needsBanner(Set<ActionStatus> banners, boolean wanted, RiskLevel level) {
        if (banners.contains(ActionStatus.PENDING)) {
            return false;
        }
        boolean carries = banners.contains(ActionStatus.DONE);
        return level == RiskLevel.CLEAN ? carries : wanted || carries;
    }
}
