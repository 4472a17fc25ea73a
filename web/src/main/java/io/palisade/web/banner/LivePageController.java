package io.palisade.web.banner;

import io.palisade.banners.live.BannerState;
import io.palisade.banners.live.BannerStates;
import io.palisade.banners.live.LiveLink;
import io.palisade.banners.live.LiveTokens;
import io.palisade.banners.render.Branding;
import io.palisade.banners.render.Wording;
import io.palisade.core.feedback.RecipientFeedback;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The recipient's live page of one message: {@code GET /b/{token}} (HTML), {@code GET /b/{token}/events}
 * (server-sent events, one {@code state} event at once and one per change), {@code POST /b/{token}/report} and
 * {@code POST /b/{token}/trust} (CSRF token required). No login: the signed token is the credential, and it opens
 * only its own tenant's message. Tokens are never logged.
 */
@Controller
@RequestMapping("/b")
class LivePageController {

    private static final Logger LOG = LoggerFactory.getLogger(LivePageController.class);
    // An invalid token names no tenant whose branding could be used.
    private static final Branding NEUTRAL = Branding.named("Palisade");

    private final LiveTokens tokens;
    private final BannerStates states;
    private final LiveViews views;
    private final LiveEventHub hub;
    private final RecipientFeedback feedback;
    private final MailboxRepository mailboxes;

    LivePageController(
            LiveTokens tokens,
            BannerStates states,
            LiveViews views,
            LiveEventHub hub,
            RecipientFeedback feedback,
            MailboxRepository mailboxes) {
        this.tokens = tokens;
        this.states = states;
        this.views = views;
        this.hub = hub;
        this.feedback = feedback;
        this.mailboxes = mailboxes;
    }

    @GetMapping("/{token}")
    String page(
            @PathVariable String token,
            @RequestParam(required = false) String done,
            Locale browser,
            Model model,
            HttpServletResponse response) {
        Optional<Opened> opened = open(token, browser);
        if (opened.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return invalid(browser, model);
        }
        Opened o = opened.get();
        model.addAttribute("view", views.view(o.state(), o.wording()));
        model.addAttribute("wording", o.wording());
        model.addAttribute("brand", views.branding(o.link().tenantId()).name());
        model.addAttribute("token", token);
        model.addAttribute("done", doneText(done, o.wording()));
        return "banner/live";
    }

    @GetMapping(path = "/{token}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> events(@PathVariable String token, Locale browser) {
        Optional<LiveLink> link = tokens.verify(token);
        if (link.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        Optional<BannerState> state =
                states.current(link.get().tenantId(), link.get().mailItemId());
        if (state.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        Locale locale = views.localeOf(link.get().tenantId(), state.get().mailboxId(), browser);
        return hub.subscribe(link.get(), locale)
                .map(ResponseEntity::ok)
                .orElseGet(() ->
                        ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build());
    }

    @PostMapping("/{token}/report")
    ResponseEntity<Map<String, String>> report(
            @PathVariable String token,
            Locale browser,
            @RequestHeader(name = "Accept", required = false) String accept) {
        return answer(token, give(token, browser, "report"), accept, "report");
    }

    @PostMapping("/{token}/trust")
    ResponseEntity<Map<String, String>> trust(
            @PathVariable String token,
            Locale browser,
            @RequestHeader(name = "Accept", required = false) String accept) {
        return answer(token, give(token, browser, "trust"), accept, "trust");
    }

    // The page's script asks for JSON; a plain form post (no script) is sent back to the page, which says thanks.
    private static ResponseEntity<Map<String, String>> answer(
            String token, ResponseEntity<Map<String, String>> result, String accept, String kind) {
        boolean json = accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE);
        if (json || !result.getStatusCode().is2xxSuccessful()) {
            return result;
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create("/b/" + token + "?done=" + kind))
                .build();
    }

    private ResponseEntity<Map<String, String>> give(String token, Locale browser, String kind) {
        Optional<Opened> opened = open(token, browser);
        if (opened.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Map.of("message", Wording.of(browser, NEUTRAL).text("page.invalid")));
        }
        Opened o = opened.get();
        LiveLink link = o.link();
        try {
            String recipient = recipient(o.state());
            if ("report".equals(kind)) {
                feedback.reportMessage(link.tenantId(), link.mailItemId(), recipient);
            } else {
                feedback.trustSender(link.tenantId(), link.mailItemId(), recipient);
            }
        } catch (RuntimeException e) {
            LOG.error(
                    "event=live_feedback_failed tenant={} mail_item={} kind={}",
                    link.tenantId(),
                    link.mailItemId(),
                    kind,
                    e);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(Map.of("message", o.wording().text("page.failed")));
        }
        LOG.info("event=live_feedback tenant={} mail_item={} kind={}", link.tenantId(), link.mailItemId(), kind);
        return ResponseEntity.ok(Map.of("message", doneText(kind, o.wording())));
    }

    private String recipient(BannerState state) {
        return mailboxes
                .findByTenantIdAndId(state.tenantId(), state.mailboxId())
                .map(Mailbox::getAddress)
                .orElseThrow(() -> new IllegalStateException("mailbox " + state.mailboxId() + " is gone"));
    }

    private Optional<Opened> open(String token, Locale browser) {
        return tokens.verify(token)
                .flatMap(link -> states.current(link.tenantId(), link.mailItemId())
                        .map(state -> {
                            Locale locale = views.localeOf(link.tenantId(), state.mailboxId(), browser);
                            return new Opened(link, state, views.wording(link.tenantId(), locale));
                        }));
    }

    private String invalid(Locale browser, Model model) {
        model.addAttribute("wording", Wording.of(browser, NEUTRAL));
        return "banner/invalid";
    }

    private static String doneText(String done, Wording wording) {
        if ("report".equals(done)) {
            return wording.text("page.reported");
        }
        return "trust".equals(done) ? wording.text("page.trusted") : null;
    }

    private record Opened(LiveLink link, BannerState state, Wording wording) {}
}
