package io.palisade.web.api;

import io.palisade.core.reevaluation.RescanService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Re-scans a tenant's recent mail after a new rule pack or model, at a bounded rate. */
@RestController
public class RescanApiController {

    private final RescanService rescans;
    private final MessageLocator locator;

    public RescanApiController(RescanService rescans, MessageLocator locator) {
        this.rescans = rescans;
        this.locator = locator;
    }

    /**
     * A re-scan.
     *
     * @param reason what changed (e.g. {@code rules 2026.12.1}), recorded on every new verdict version
     */
    public record RescanRequest(
            @NotBlank String reason,
            @Min(1) @Max(720) int windowHours,
            @Min(1) @Max(1000) int perSecond) {}

    @PostMapping("/api/v1/rescans")
    public ResponseEntity<Map<String, Object>> rescan(
            @RequestParam UUID tenantId, @Valid @RequestBody RescanRequest request, Principal admin) {
        int scheduled = rescans.scheduleRecent(
                locator.requireTenant(tenantId),
                Duration.ofHours(request.windowHours()),
                request.reason(),
                request.perSecond(),
                admin.getName());
        return ResponseEntity.accepted().body(Map.of("scheduled", scheduled));
    }
}
