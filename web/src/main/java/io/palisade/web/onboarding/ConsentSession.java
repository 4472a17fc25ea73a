package io.palisade.web.onboarding;

import io.palisade.m365.onboarding.ConsentFlow;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What an administrator's session remembers of the Microsoft 365 consent it started: the {@code state} the callback
 * must bring back, the name to give the tenant, and whether the consent was started from the console (then the
 * callback returns to the console's page rather than answering JSON). A callback takes it all, once.
 */
@Component
class ConsentSession {

    private static final String STATE = "palisade.m365.consent.state";
    private static final String NAME = "palisade.m365.consent.name";
    private static final String FROM_CONSOLE = "palisade.m365.consent.console";
    private static final String DEFAULT_NAME = "Microsoft 365 tenant";

    /** What a session held when the callback came; every field null or false when it started no consent. */
    record Started(String state, String name, boolean fromConsole) {}

    private final ConsentFlow consent;

    ConsentSession(ConsentFlow consent) {
        this.consent = consent;
    }

    /**
     * Starts a consent in the session and returns the consent page's link.
     *
     * @throws IllegalArgumentException when {@code tenant} is not a tenant id or domain
     */
    URI begin(String tenant, String name, HttpSession session, boolean fromConsole) {
        String state = ConsentFlow.newState();
        URI url = consent.link(tenant, callbackUri(), state);
        session.setAttribute(STATE, state);
        session.setAttribute(NAME, name == null || name.isBlank() ? DEFAULT_NAME : name.trim());
        session.setAttribute(FROM_CONSOLE, fromConsole);
        return url;
    }

    /** Takes what the session held of its consent, so that a state is used once. */
    Started end(HttpSession session) {
        Started started = new Started(
                (String) session.getAttribute(STATE),
                (String) session.getAttribute(NAME),
                Boolean.TRUE.equals(session.getAttribute(FROM_CONSOLE)));
        session.removeAttribute(STATE);
        session.removeAttribute(FROM_CONSOLE);
        return started;
    }

    private static URI callbackUri() {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/onboarding/m365/callback")
                .build()
                .toUri();
    }
}
