package io.palisade.core.pipeline;

import io.palisade.core.audit.AuditLog;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.core.work.WorkSignal;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An analyst's decision on a message: a new verdict version caused by that analyst, the actions the policy asks
 * for at the new level, and an audit entry saying who did what and why, in one transaction.
 */
@Service
public class AnalystVerdicts {

    /** The engine version recorded on verdicts that a person, not the engine, decided. */
    public static final String ANALYST_ENGINE = "analyst";

    private final VerdictService verdicts;
    private final ActionPolicy policy;
    private final ActionOutbox outbox;
    private final AuditLog audit;
    private final WorkSignal workers;

    public AnalystVerdicts(
            VerdictService verdicts, ActionPolicy policy, ActionOutbox outbox, AuditLog audit, WorkSignal workers) {
        this.verdicts = verdicts;
        this.policy = policy;
        this.outbox = outbox;
        this.audit = audit;
        this.workers = workers;
    }

    /**
     * Records an analyst's verdict on a mail item of the tenant.
     *
     * @param analyst who decided, never null
     * @param reason why, as the analyst wrote it; may be empty, never null
     * @throws java.util.NoSuchElementException if the tenant has no such mail item
     */
    @Transactional
    public VerdictVersion decide(UUID tenantId, UUID mailItemId, RiskLevel level, String analyst, String reason) {
        Signal signal = new Signal(
                "ANALYST_DECISION", "analyst", scoreOf(level), "An analyst rated this message " + label(level), reason);
        Verdict verdict = new Verdict(scoreOf(level), level, List.of(signal), ANALYST_ENGINE);
        VerdictVersion version = verdicts.record(tenantId, mailItemId, verdict, VerdictCause.ANALYST, analyst);
        audit.record(tenantId, analyst, "verdict.set", "mail_item:" + mailItemId, level + ": " + reason);
        outbox.add(tenantId, mailItemId, version.getId(), policy.actionsFor(level), analyst);
        workers.wake();
        return version;
    }

    private static int scoreOf(RiskLevel level) {
        return switch (level) {
            case CLEAN -> 0;
            case LOW -> 20;
            case SUSPICIOUS -> 50;
            case HIGH -> 75;
            case MALICIOUS -> 100;
        };
    }

    private static String label(RiskLevel level) {
        return switch (level) {
            case CLEAN -> "safe";
            case LOW -> "low risk";
            case SUSPICIOUS -> "suspicious";
            case HIGH -> "high risk";
            case MALICIOUS -> "malicious";
        };
    }
}
