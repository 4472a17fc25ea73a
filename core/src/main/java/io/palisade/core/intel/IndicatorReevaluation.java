package io.palisade.core.intel;

import io.palisade.core.audit.AuditLog;
import io.palisade.core.chat.ChatLifecycle;
import io.palisade.core.chat.ChatVerdictVersion;
import io.palisade.core.pipeline.PipelineProperties;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.reevaluation.Reevaluator;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.core.work.WorkHandler;
import io.palisade.detection.analysis.prefilter.IndicatorKeys;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Re-evaluates the stored mail and chat messages that carry a new indicator, within the raw-message retention window:
 * each carrier whose current level is below what the indicator's confidence warrants gets a new verdict version
 * (cause INDICATOR, caused by the indicator's id), and the policy's actions: a clawback of every copy for malicious
 * mail, a hide for a chat message. Mail carriers are taken in chunks, each its own transaction, chat messages one
 * transaction each; a repeat raises nothing twice. A carrier whose current verdict is an analyst's keeps it; one audit
 * entry ({@code verdict.kept}) says how many did.
 */
@Component
public class IndicatorReevaluation implements WorkHandler {

    /** Work-item kind of one indicator's re-evaluation. */
    public static final String KIND = "intel.reevaluate";

    /** Confidence from which an indicator makes mail malicious. */
    static final int MALICIOUS_FROM = 80;

    private static final Logger LOG = LoggerFactory.getLogger(IndicatorReevaluation.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CHUNK = 500;

    private final IntelService intel;
    private final Reevaluator reevaluator;
    private final VerdictService verdicts;
    private final JdbcTemplate jdbc;
    private final PipelineProperties pipeline;
    private final Clock clock;
    private final ChatLifecycle chats;
    private final AuditLog audit;

    public IndicatorReevaluation(
            IntelService intel,
            Reevaluator reevaluator,
            VerdictService verdicts,
            JdbcTemplate jdbc,
            PipelineProperties pipeline,
            Clock clock,
            ChatLifecycle chats,
            AuditLog audit) {
        this.chats = chats;
        this.audit = audit;
        this.intel = intel;
        this.reevaluator = reevaluator;
        this.verdicts = verdicts;
        this.jdbc = jdbc;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void handle(WorkItem work) {
        UUID id = UUID.fromString(
                JSON.readTree(work.payloadJson()).path("indicatorId").asString());
        Optional<ThreatIndicator> found = intel.find(work.tenantId(), id);
        if (found.isEmpty() || !found.get().activeAt(clock.instant())) {
            LOG.info(
                    "event=indicator_reevaluation_skipped tenant={} indicator={} reason=gone_or_expired",
                    work.tenantId(),
                    id);
            return;
        }
        ThreatIndicator indicator = found.get();
        List<UUID> carriers = carriers(indicator, clock.instant().minus(pipeline.rawRetention()));
        int changed = 0;
        int kept = 0;
        for (int from = 0; from < carriers.size(); from += CHUNK) {
            List<UUID> chunk = carriers.subList(from, Math.min(carriers.size(), from + CHUNK));
            Reevaluator.Outcome outcome = reevaluator.reevaluate(
                    indicator.tenantId(),
                    chunk,
                    (item, current) -> raised(indicator, current),
                    VerdictCause.INDICATOR,
                    indicator.id().toString(),
                    null);
            changed += outcome.versions().size();
            kept += outcome.keptByAnalyst().size();
        }
        List<UUID> chatCarriers = chatCarriers(indicator, clock.instant().minus(pipeline.rawRetention()));
        int chatChanged = 0;
        for (UUID chatItem : chatCarriers) {
            if (chats.reevaluate(
                            indicator.tenantId(),
                            chatItem,
                            current -> raised(indicator, current),
                            VerdictCause.INDICATOR,
                            indicator.id().toString())
                    .isPresent()) {
                chatChanged++;
            }
        }
        if (kept > 0) {
            // The analyst's verdict stands, but the new evidence is on record for the analyst to look at.
            audit.record(
                    indicator.tenantId(),
                    "indicator:" + indicator.id(),
                    "verdict.kept",
                    "indicator:" + indicator.id(),
                    kept + " carriers keep their analyst's verdict");
        }
        LOG.info(
                "event=indicator_reevaluated tenant={} indicator={} carriers={} raised={} kept_by_analyst={}"
                        + " chat_carriers={} chat_raised={}",
                indicator.tenantId(),
                indicator.id(),
                carriers.size(),
                changed,
                kept,
                chatCarriers.size(),
                chatChanged);
    }

    /** The level an indicator of this confidence gives the mail that carries it. */
    static RiskLevel levelFor(int confidence) {
        if (confidence >= MALICIOUS_FROM) {
            return RiskLevel.MALICIOUS;
        }
        return confidence >= 50 ? RiskLevel.HIGH : RiskLevel.SUSPICIOUS;
    }

    private Optional<Verdict> raised(ThreatIndicator indicator, VerdictVersion current) {
        if (current == null) {
            return raised(indicator, null, 0, List.of(), null);
        }
        RiskLevel level = current.getLevel();
        if (level.compareTo(levelFor(indicator.confidence())) >= 0) {
            return Optional.empty();
        }
        return raised(indicator, level, current.getScore(), verdicts.signals(current), current.getEngineVersion());
    }

    private static Optional<Verdict> raised(ThreatIndicator indicator, Optional<ChatVerdictVersion> current) {
        return current.map(v -> raised(indicator, v.level(), v.score(), v.signals(), v.engineVersion()))
                .orElseGet(() -> raised(indicator, null, 0, List.of(), null));
    }

    /**
     * The verdict an item gets from the indicator: its current one (none when {@code level} is null) raised to the
     * indicator's level with one more signal; empty when it is at that level or above already.
     */
    private static Optional<Verdict> raised(
            ThreatIndicator indicator, RiskLevel level, int score, List<Signal> current, String engine) {
        RiskLevel raised = levelFor(indicator.confidence());
        if (level != null && level.compareTo(raised) >= 0) {
            return Optional.empty();
        }
        List<Signal> signals = new ArrayList<>(current);
        signals.add(new Signal(
                "THREAT_INTEL_MATCH",
                "intel",
                scoreOf(raised),
                "It carries a known threat reported by " + indicator.source(),
                indicator.kind() + " " + indicator.id()));
        return Optional.of(
                new Verdict(Math.max(score, scoreOf(raised)), raised, signals, engine == null ? "intel" : engine));
    }

    private static int scoreOf(RiskLevel level) {
        return switch (level) {
            case MALICIOUS -> 100;
            case HIGH -> 75;
            default -> 50;
        };
    }

    /**
     * The tenant's chat messages posted since {@code since} that carry the indicator: a shared file with its SHA-256,
     * or a sender with its address, or its domain or a parent domain of it (down to the registrable domain, as for
     * mail). Chat messages' links are not kept, so a URL or IP reaches mail only.
     */
    private List<UUID> chatCarriers(ThreatIndicator indicator, Instant since) {
        String from = "SELECT c.id, c.sender FROM chat_items c WHERE c.tenant_id = ? AND c.posted_at >= ? AND ";
        Timestamp after = Timestamp.from(since);
        return switch (indicator.kind()) {
            case SHA256 ->
                jdbc.query(
                        from + "EXISTS (SELECT 1 FROM chat_file_scans f WHERE f.tenant_id = c.tenant_id"
                                + " AND f.chat_id = c.chat_id AND f.message_id = c.message_id AND f.sha256 = ?)",
                        (rs, n) -> rs.getObject("id", UUID.class),
                        indicator.tenantId(),
                        after,
                        indicator.value());
            case SENDER ->
                jdbc.query(
                        from + "lower(c.sender) = ?",
                        (rs, n) -> rs.getObject("id", UUID.class),
                        indicator.tenantId(),
                        after,
                        indicator.value());
            case DOMAIN -> chatCarriersByDomain(from, indicator, after);
            case URL, IP -> List.of();
        };
    }

    private List<UUID> chatCarriersByDomain(String from, ThreatIndicator indicator, Timestamp after) {
        // The SQL narrows to the domain and its subdomains; the parent-domain rule then drops e.g. an indicator on a
        // public suffix, which mail would never match either.
        List<UUID> carriers = new ArrayList<>();
        jdbc.query(
                from + "(lower(split_part(c.sender, '@', 2)) = ? OR lower(split_part(c.sender, '@', 2)) LIKE ?)",
                rs -> {
                    String domain = rs.getString("sender")
                            .substring(rs.getString("sender").lastIndexOf('@') + 1);
                    if (IndicatorKeys.domainAndParents(domain).contains(indicator.value())) {
                        carriers.add(rs.getObject("id", UUID.class));
                    }
                },
                indicator.tenantId(),
                after,
                indicator.value(),
                "%." + indicator.value());
        return carriers;
    }

    /**
     * The tenant's mail received since {@code since} that carries the indicator: stored mail is indexed by the keys
     * detection's prefilter looked it up by on arrival, so an exact match here is the match the prefilter would
     * have made (a parent domain, a Reply-To address, the sending IP, a link from a PDF or QR code included).
     */
    private List<UUID> carriers(ThreatIndicator indicator, Instant since) {
        return jdbc.queryForList(
                "SELECT DISTINCT i.mail_item_id FROM mail_indicators i"
                        + " JOIN mail_items m ON m.tenant_id = i.tenant_id AND m.id = i.mail_item_id"
                        + " WHERE i.tenant_id = ? AND m.received_at >= ? AND i.kind = ? AND i.value = ?",
                UUID.class,
                indicator.tenantId(),
                Timestamp.from(since),
                indicator.kind().carriedAs().name(),
                indicator.value());
    }
}
