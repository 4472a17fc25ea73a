package io.palisade.web.onboarding;

import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's "connect a Microsoft 365 tenant" form on {@code /connectors}: a console form like the others (the
 * administrator's session and its CSRF token), which sends the browser to the consent page; the callback brings it
 * back to {@code /connectors}, which says whether the tenant was connected.
 */
@Controller
class M365ConsoleConsentController {

    private final ConsentSession sessions;

    M365ConsoleConsentController(ConsentSession sessions) {
        this.sessions = sessions;
    }

    @PostMapping(path = "/connectors/m365/consent", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> start(
            @RequestParam(name = "tenant", required = false) String tenant,
            @RequestParam(name = "name", required = false) String name,
            HttpSession session) {
        try {
            return ResponseEntity.status(HttpStatus.FOUND)
                    .location(sessions.begin(tenant, name, session, true))
                    .build();
        } catch (IllegalArgumentException e) {
            return M365ConsentController.backToConsole("consentError", e.getMessage());
        }
    }
}
