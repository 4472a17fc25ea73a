package io.palisade.web.api;

import io.palisade.core.action.ActionKind;
import io.palisade.core.campaign.Campaign;
import io.palisade.core.campaign.CampaignService;
import io.palisade.core.clawback.ClawbackProgress;
import io.palisade.core.clawback.ClawbackQueries;
import io.palisade.core.pipeline.AnalystVerdicts;
import io.palisade.core.reevaluation.CampaignDecisions;
import io.palisade.core.reevaluation.CampaignVerdicts;
import io.palisade.core.verdict.VerdictVersion;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Campaigns and the analyst's actions that cover all their messages: a verdict (which claws back or releases
 * every copy as the policy says), an explicit release, an explicit hard delete; and each clawback's progress per
 * copy.
 */
@RestController
public class CampaignApiController {

    private final CampaignService campaigns;
    private final ClawbackQueries clawbacks;
    private final AnalystVerdicts analysts;
    private final MessageLocator locator;
    private final CampaignDecisions decisions;

    public CampaignApiController(
            CampaignService campaigns,
            ClawbackQueries clawbacks,
            AnalystVerdicts analysts,
            MessageLocator locator,
            CampaignDecisions decisions) {
        this.decisions = decisions;
        this.campaigns = campaigns;
        this.clawbacks = clawbacks;
        this.analysts = analysts;
        this.locator = locator;
    }

    /**
     * A campaign with its members, the analysts' decisions on it (newest first, each with how many members it has
     * reached) and the progress of its clawbacks.
     */
    public record CampaignView(
            Campaign campaign, List<CampaignDecisions.Progress> decisions, List<ClawbackProgress> clawbacks) {}

    /**
     * An explicit action on a campaign.
     *
     * @param reason why, in the analyst's words
     * @param confirm a hard delete needs {@code true}: it cannot be undone
     */
    public record ActionRequest(@Size(max = 2000) String reason, Boolean confirm) {}

    /** Forms (or finds) the campaign around a message. */
    @PostMapping("/api/v1/messages/{id}/campaign")
    public ResponseEntity<CampaignView> form(@PathVariable UUID id) {
        UUID tenantId = locator.tenantOf(id).orElseThrow(() -> new NoSuchElementException("no message " + id));
        Campaign campaign = campaigns.formAround(tenantId, id);
        return ResponseEntity.status(HttpStatus.CREATED).body(view(campaign));
    }

    @GetMapping("/api/v1/campaigns/{id}")
    public CampaignView campaign(@PathVariable UUID id) {
        UUID tenantId = tenantOfCampaign(id);
        return view(campaigns.find(tenantId, id).orElseThrow());
    }

    /**
     * An analyst's verdict on every message of the campaign; 202, the mailbox work runs on the workers. A large
     * campaign answers before every member has its version ({@code finished} false, {@code membersDone} of {@code
     * members}); the campaign's {@code decisions} show the rest arrive.
     */
    @PostMapping("/api/v1/campaigns/{id}/verdict")
    public ResponseEntity<Map<String, Object>> verdict(
            @PathVariable UUID id, @Valid @RequestBody VerdictRequest request, Principal analyst) {
        String reason = request.reason() == null ? "" : request.reason();
        CampaignVerdicts.Applied applied =
                analysts.decideCampaign(tenantOfCampaign(id), id, request.level(), analyst.getName(), reason);
        return ResponseEntity.accepted()
                .body(Map.of(
                        "campaignId", id,
                        "decisionId", applied.decisionId(),
                        "level", request.level(),
                        "versions",
                                applied.versions().stream()
                                        .map(VerdictVersion::getMailItemId)
                                        .toList(),
                        "clawbacks", applied.clawbacks(),
                        "membersDone", applied.membersDone(),
                        "members", applied.members(),
                        "finished", applied.finished(),
                        "decidedBy", analyst.getName()));
    }

    @PostMapping("/api/v1/campaigns/{id}/release")
    public ResponseEntity<Map<String, Object>> release(
            @PathVariable UUID id, @Valid @RequestBody ActionRequest request, Principal analyst) {
        UUID clawback = analysts.releaseCampaign(tenantOfCampaign(id), id, analyst.getName(), reason(request));
        return ResponseEntity.accepted().body(Map.of("clawbacks", Map.of(ActionKind.RELEASE, clawback)));
    }

    /** Deletes every copy beyond recovery; refused (400) unless the request confirms it. */
    @PostMapping("/api/v1/campaigns/{id}/hard-delete")
    public ResponseEntity<Map<String, Object>> hardDelete(
            @PathVariable UUID id, @Valid @RequestBody ActionRequest request, Principal analyst) {
        if (!Boolean.TRUE.equals(request.confirm())) {
            throw new IllegalArgumentException("a hard delete cannot be undone: send \"confirm\": true");
        }
        UUID clawback = analysts.hardDeleteCampaign(tenantOfCampaign(id), id, analyst.getName(), reason(request));
        return ResponseEntity.accepted().body(Map.of("clawbacks", Map.of(ActionKind.HARD_DELETE, clawback)));
    }

    /** One clawback's progress per copy. */
    @GetMapping("/api/v1/clawbacks/{id}")
    public ClawbackProgress clawback(@PathVariable UUID id) {
        UUID tenantId = locator.tenantOfClawback(id).orElseThrow(() -> new NoSuchElementException("no clawback " + id));
        return clawbacks.progress(tenantId, id).orElseThrow();
    }

    private CampaignView view(Campaign campaign) {
        List<ClawbackProgress> progress = clawbacks.ofCampaign(campaign.tenantId(), campaign.id()).stream()
                .map(c -> clawbacks.progress(campaign.tenantId(), c).orElseThrow())
                .toList();
        return new CampaignView(campaign, decisions.ofCampaign(campaign.tenantId(), campaign.id()), progress);
    }

    private UUID tenantOfCampaign(UUID id) {
        return locator.tenantOfCampaign(id).orElseThrow(() -> new NoSuchElementException("no campaign " + id));
    }

    private static String reason(ActionRequest request) {
        return request.reason() == null ? "" : request.reason();
    }
}
