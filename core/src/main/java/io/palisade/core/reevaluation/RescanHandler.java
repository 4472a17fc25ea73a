package io.palisade.core.reevaluation;

import io.palisade.core.mail.RawMessageStore;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.scan.TenantScanContexts;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.work.WorkHandler;
import io.palisade.detection.api.ScanInput;
import io.palisade.detection.api.Verdict;
import io.palisade.detection.engine.DefaultScanner;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Re-scans one stored message with the rules and models in force now; a different level becomes a new verdict
 * version (cause RESCAN, caused by the reason given) with the policy's actions. The scan runs outside the
 * transaction; a message whose raw MIME is past retention is skipped, and so is one whose current verdict is an
 * analyst's (on the message or its campaign): an analyst's verdict stands until an analyst changes it.
 */
@Component
public class RescanHandler implements WorkHandler {

    /** Work-item kind of one message's re-scan. */
    public static final String KIND = "rescan.item";

    private static final Logger LOG = LoggerFactory.getLogger(RescanHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RawMessageStore rawMessages;
    private final DefaultScanner scanner;
    private final TenantScanContexts contexts;
    private final Reevaluator reevaluator;

    public RescanHandler(
            RawMessageStore rawMessages, DefaultScanner scanner, TenantScanContexts contexts, Reevaluator reevaluator) {
        this.rawMessages = rawMessages;
        this.scanner = scanner;
        this.contexts = contexts;
        this.reevaluator = reevaluator;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void handle(WorkItem work) {
        JsonNode payload = JSON.readTree(work.payloadJson());
        UUID mailItemId = UUID.fromString(payload.path("mailItemId").asString());
        String reason = payload.path("reason").asString();
        Optional<byte[]> raw = rawMessages.load(work.tenantId(), mailItemId);
        if (raw.isEmpty()) {
            LOG.info(
                    "event=rescan_skipped tenant={} mail_item={} reason=raw_message_gone", work.tenantId(), mailItemId);
            return;
        }
        // Not yet: scanned in the tenant's context, so a copy a recipient's trust lowered may go back up for all.
        Verdict verdict = scanner.scanWithReport(new ScanInput.Mail(raw.get()), contexts.forTenant(work.tenantId()))
                .verdict();
        Reevaluator.Outcome outcome = reevaluator.reevaluate(
                work.tenantId(),
                List.of(mailItemId),
                (item, current) -> current != null && current.getLevel() == verdict.level()
                        ? Optional.empty()
                        : Optional.of(verdict),
                VerdictCause.RESCAN,
                reason,
                null);
        if (!outcome.keptByAnalyst().isEmpty()) {
            LOG.info("event=rescan_skipped tenant={} mail_item={} reason=analyst_verdict", work.tenantId(), mailItemId);
        }
    }
}
