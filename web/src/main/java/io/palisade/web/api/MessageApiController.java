package io.palisade.web.api;

import io.palisade.core.pipeline.AnalystVerdicts;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.web.console.RecentMessages;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Messages and analysts' verdicts on them. */
@RestController
@RequestMapping("/api/v1/messages")
public class MessageApiController {

    private final MessageLocator locator;
    private final AnalystVerdicts analystVerdicts;
    private final RecentMessages recent;

    public MessageApiController(MessageLocator locator, AnalystVerdicts analystVerdicts, RecentMessages recent) {
        this.locator = locator;
        this.analystVerdicts = analystVerdicts;
        this.recent = recent;
    }

    /** The newest messages with their current verdicts. */
    @GetMapping
    public List<RecentMessages.Row> recent(@RequestParam(defaultValue = "50") int limit) {
        return recent.newest(Math.clamp(limit, 1, 500));
    }

    /**
     * Records an analyst's verdict: a new verdict version, the policy's actions for its level (MALICIOUS
     * quarantines the message), and an audit entry naming the analyst and the reason.
     */
    @PostMapping("/{id}/verdict")
    public ResponseEntity<Map<String, Object>> decide(
            @PathVariable UUID id, @Valid @RequestBody VerdictRequest request, Principal analyst) {
        UUID tenantId = locator.tenantOf(id).orElse(null);
        if (tenantId == null) {
            return ResponseEntity.notFound().build();
        }
        String reason = request.reason() == null ? "" : request.reason();
        VerdictVersion version = analystVerdicts.decide(tenantId, id, request.level(), analyst.getName(), reason);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of(
                        "mailItemId", id,
                        "version", version.getVersion(),
                        "level", version.getLevel(),
                        "decidedBy", analyst.getName()));
    }
}
