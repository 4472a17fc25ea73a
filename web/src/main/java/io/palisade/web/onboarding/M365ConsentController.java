package io.palisade.web.onboarding;

import io.palisade.core.connector.ConnectorException;
import io.palisade.m365.onboarding.ConsentFlow;
import io.palisade.m365.onboarding.M365Permissions;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Microsoft 365 admin consent through the REST API: {@code consent-link} gives the administrator the link to follow,
 * with a {@code state} kept in their session; the identity platform sends the browser back to {@code callback},
 * which accepts only that state, once, and onboards the tenant only after a token for it was obtained (201), or, for a
 * Microsoft tenant connected before, refreshes its Palisade tenant (200, {@code reconnected}). A consent started from
 * the console's connectors page ({@link M365ConsoleConsentController}) comes back to that page instead, which says
 * what happened.
 */
@RestController
@RequestMapping("/api/v1/onboarding/m365")
public class M365ConsentController {

    private static final Logger LOG = LoggerFactory.getLogger(M365ConsentController.class);
    private final ConsentFlow consent;
    private final ConsentSession sessions;

    public M365ConsentController(ConsentFlow consent, ConsentSession sessions) {
        this.consent = consent;
        this.sessions = sessions;
    }

    /** The admin-consent link; {@code tenant} is the customer's tenant id or domain (optional). */
    @GetMapping("/consent-link")
    public ResponseEntity<Map<String, Object>> link(
            @RequestParam(name = "tenant", required = false) String tenant,
            @RequestParam(name = "name", required = false) String name,
            HttpSession session) {
        try {
            URI url = sessions.begin(tenant, name, session, false);
            return ResponseEntity.ok(Map.of("url", url.toString(), "permissions", M365Permissions.required()));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
        }
    }

    /** Where the identity platform sends the administrator back. */
    @GetMapping("/callback")
    public ResponseEntity<Map<String, Object>> callback(
            @RequestParam(name = "admin_consent", required = false) String adminConsent,
            @RequestParam(name = "tenant", required = false) String tenant,
            @RequestParam(name = "state", required = false) String state,
            @RequestParam(name = "error", required = false) String error,
            HttpSession session) {
        ConsentSession.Started started = sessions.end(session);
        boolean console = started.fromConsole();
        String name = started.name();
        if (!ConsentFlow.stateMatches(started.state(), state)) {
            LOG.warn("event=m365_consent_rejected reason=state_mismatch");
            return refused(console, HttpStatus.BAD_REQUEST, "state does not match this session's consent");
        }
        if (error != null || !"True".equalsIgnoreCase(adminConsent) || tenant == null) {
            LOG.warn("event=m365_consent_declined error={}", error);
            return refused(console, HttpStatus.BAD_REQUEST, error == null ? "consent not granted" : error);
        }
        try {
            ConsentFlow.Completed done = consent.complete(tenant, name);
            if (console) {
                return backToConsole("connected", done.tenant().getId().toString());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("tenantId", done.tenant().getId());
            body.put("grantedRoles", done.grantedRoles());
            body.put("missing", missing(done.missing()));
            body.put("reconnected", done.reconnected());
            // Consenting again for a connected Microsoft tenant reuses its Palisade tenant: nothing new was made.
            return ResponseEntity.status(done.reconnected() ? HttpStatus.OK : HttpStatus.CREATED)
                    .body(body);
        } catch (ConnectorException e) {
            LOG.warn("event=m365_consent_failed error={}", e.getMessage());
            return refused(console, HttpStatus.BAD_GATEWAY, e.getMessage());
        }
    }

    /** A refused consent: JSON for the REST API, the connectors page saying why for the console. */
    private static ResponseEntity<Map<String, Object>> refused(boolean console, HttpStatus status, String error) {
        return console
                ? backToConsole("consentError", error)
                : ResponseEntity.status(status).body(Map.of("error", error));
    }

    /** Back to the console's connectors page, which shows {@code value} under {@code key}. */
    static <T> ResponseEntity<T> backToConsole(String key, String value) {
        URI page = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/connectors")
                .queryParam(key, value)
                .encode()
                .build()
                .toUri();
        return ResponseEntity.status(HttpStatus.FOUND).location(page).build();
    }

    private static List<Map<String, String>> missing(List<M365Permissions.Missing> missing) {
        return missing.stream()
                .map(m -> Map.of("role", m.role(), "effect", m.effect()))
                .toList();
    }
}
