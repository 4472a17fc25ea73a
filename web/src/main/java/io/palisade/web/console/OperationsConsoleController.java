package io.palisade.web.console;

import io.palisade.core.audit.AuditLog;
import io.palisade.core.pipeline.AnalystVerdicts;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.reevaluation.CampaignVerdicts;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import io.palisade.detection.api.RiskLevel;
import io.palisade.web.api.MessageLocator;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's operations pages: campaigns with their clawback progress and the analyst's campaign-wide actions,
 * each tenant's connector status, and the dead letters with a way to put them back. Forms carry the session's CSRF
 * token; every action is audited by the service it calls.
 */
@Controller
public class OperationsConsoleController {

    private static final int LIMIT = 100;
    private static final int MAX_REASON = 2000;

    private final CampaignConsole campaigns;
    private final ConnectorStatus connectors;
    private final MessageLocator locator;
    private final AnalystVerdicts analysts;
    private final TenantService tenants;
    private final WorkQueue queue;
    private final AuditLog audit;

    public OperationsConsoleController(
            CampaignConsole campaigns,
            ConnectorStatus connectors,
            MessageLocator locator,
            AnalystVerdicts analysts,
            TenantService tenants,
            WorkQueue queue,
            AuditLog audit) {
        this.campaigns = campaigns;
        this.connectors = connectors;
        this.locator = locator;
        this.analysts = analysts;
        this.tenants = tenants;
        this.queue = queue;
        this.audit = audit;
    }

    /** A dead letter with its tenant, for the list. */
    public record DeadLetterRow(Tenant tenant, WorkItem item) {}

    @GetMapping("/campaigns")
    public String campaigns(Model model) {
        model.addAttribute("rows", campaigns.recent(LIMIT));
        return "campaigns";
    }

    @GetMapping("/campaigns/{id}")
    public String campaign(@PathVariable UUID id, Model model) {
        UUID tenantId = tenantOfCampaign(id);
        model.addAttribute("view", campaigns.of(tenantId, id).orElseThrow(() -> notFound("campaign", id)));
        model.addAttribute("levels", RiskLevel.values());
        return "campaign";
    }

    /** An analyst's verdict on every message of the campaign; the policy turns it into clawback or release. */
    @PostMapping("/campaigns/{id}/verdict")
    public String campaignVerdict(
            @PathVariable UUID id,
            @RequestParam RiskLevel level,
            @RequestParam String reason,
            Principal analyst,
            RedirectAttributes flash) {
        UUID tenantId = tenantOfCampaign(id);
        CampaignVerdicts.Applied applied =
                analysts.decideCampaign(tenantId, id, level, analyst.getName(), reason(reason));
        flash.addFlashAttribute(
                "notice",
                applied.finished()
                        ? "Verdict " + level + " recorded for every message of the campaign."
                        : "Verdict " + level + " recorded for " + applied.membersDone() + " of " + applied.members()
                                + " messages; the rest are being recorded.");
        return "redirect:/campaigns/" + id;
    }

    /** Returns every quarantined copy of the campaign to its original folder. */
    @PostMapping("/campaigns/{id}/release")
    public String campaignRelease(
            @PathVariable UUID id, @RequestParam String reason, Principal analyst, RedirectAttributes flash) {
        UUID tenantId = tenantOfCampaign(id);
        analysts.releaseCampaign(tenantId, id, analyst.getName(), reason(reason));
        flash.addFlashAttribute("notice", "Release of every copy started.");
        return "redirect:/campaigns/" + id;
    }

    /**
     * Each tenant's connector status, and the outcome of a consent the console started: {@code connected} names the
     * tenant the callback connected, {@code consentError} says why it did not.
     */
    @GetMapping("/connectors")
    public String connectors(
            @RequestParam(name = "connected", required = false) String connected,
            @RequestParam(name = "consentError", required = false) String consentError,
            Model model) {
        model.addAttribute("tenants", connectors.all());
        model.addAttribute("connectedTenant", connectedTenant(connected).orElse(null));
        model.addAttribute("consentError", consentError);
        return "connectors";
    }

    private java.util.Optional<Tenant> connectedTenant(String id) {
        try {
            return id == null ? java.util.Optional.empty() : tenants.find(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    @GetMapping("/dead-letters")
    public String deadLetters(Model model) {
        List<DeadLetterRow> rows = new ArrayList<>();
        for (Tenant tenant : tenants.active()) {
            queue.deadLetters(tenant.getId(), PageRequest.of(0, LIMIT))
                    .forEach(item -> rows.add(new DeadLetterRow(tenant, item)));
        }
        model.addAttribute("rows", rows);
        return "dead-letters";
    }

    /** Puts a dead item back in its tenant's queue with fresh attempts. */
    @PostMapping("/dead-letters/{tenantId}/{id}/retry")
    @Transactional
    public String retry(
            @PathVariable UUID tenantId, @PathVariable UUID id, Principal operator, RedirectAttributes flash) {
        if (!queue.retry(tenantId, id)) {
            throw notFound("dead letter", id);
        }
        audit.record(tenantId, operator.getName(), "work.retry", "work_item:" + id, "dead letter put back");
        flash.addFlashAttribute("notice", "Work item " + id + " is queued again.");
        return "redirect:/dead-letters";
    }

    private UUID tenantOfCampaign(UUID id) {
        return locator.tenantOfCampaign(id).orElseThrow(() -> notFound("campaign", id));
    }

    private static String reason(String reason) {
        String why = reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a reason of 1 to 2,000 characters is needed");
        }
        return why;
    }

    private static ResponseStatusException notFound(String what, UUID id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no " + what + " " + id);
    }
}
