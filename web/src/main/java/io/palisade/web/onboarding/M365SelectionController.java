package io.palisade.web.onboarding;

import io.palisade.core.connector.ConnectorException;
import io.palisade.m365.onboarding.MailboxDiscovery;
import io.palisade.m365.onboarding.SelectionChange;
import io.palisade.m365.onboarding.TenantSelection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Which of a Microsoft 365 tenant's mailboxes are watched: Entra groups (their transitive members) and address
 * patterns to include and exclude. A change is checked against the tenant's directory, stored, and applied at once;
 * the answer says what it changed.
 */
@RestController
@RequestMapping("/api/v1/onboarding/m365/mailbox-selection")
public class M365SelectionController {

    private static final Logger LOG = LoggerFactory.getLogger(M365SelectionController.class);

    private final SelectionChange selections;

    public M365SelectionController(SelectionChange selections) {
        this.selections = selections;
    }

    /** The body of a change; a list left out is empty. */
    public record SelectionBody(
            List<String> includeGroups,
            List<String> excludeGroups,
            List<String> includeAddresses,
            List<String> excludeAddresses) {}

    /** The selection in force. */
    @GetMapping
    public ResponseEntity<Object> current(@RequestParam UUID tenantId) {
        try {
            return ResponseEntity.ok(selections.current(tenantId));
        } catch (NoSuchElementException e) {
            return error(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }

    /** Replaces the selection and applies it: 400 for an invalid id or pattern or a group the tenant lacks. */
    @PutMapping
    public ResponseEntity<Object> change(@RequestParam UUID tenantId, @RequestBody SelectionBody body) {
        try {
            TenantSelection selection = new TenantSelection(
                    body.includeGroups(), body.excludeGroups(), body.includeAddresses(), body.excludeAddresses());
            MailboxDiscovery.Changes changes = selections.change(tenantId, selection);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("selection", selection);
            answer.put("changes", changes);
            return ResponseEntity.ok(answer);
        } catch (IllegalArgumentException e) {
            LOG.info("event=m365_selection_refused tenant={} error={}", tenantId, e.getMessage());
            return error(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (NoSuchElementException | IllegalStateException e) {
            return error(HttpStatus.NOT_FOUND, e.getMessage());
        } catch (ConnectorException e) {
            LOG.warn("event=m365_selection_not_applied tenant={} error={}", tenantId, e.getMessage());
            return error(HttpStatus.BAD_GATEWAY, e.getMessage());
        }
    }

    private static ResponseEntity<Object> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", String.valueOf(message)));
    }
}
