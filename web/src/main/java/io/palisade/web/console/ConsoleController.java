package io.palisade.web.console;

import io.palisade.core.pipeline.AnalystVerdicts;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.detection.api.RiskLevel;
import io.palisade.web.api.MessageLocator;
import java.security.Principal;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console: the newest messages and their verdicts, and one message with everything an analyst needs. */
@Controller
public class ConsoleController {

    private static final int LIMIT = 100;
    private static final int MAX_REASON = 2000;

    private final RecentMessages recent;
    private final MessageDetails details;
    private final MessageLocator locator;
    private final AnalystVerdicts analystVerdicts;

    public ConsoleController(
            RecentMessages recent, MessageDetails details, MessageLocator locator, AnalystVerdicts analystVerdicts) {
        this.recent = recent;
        this.details = details;
        this.locator = locator;
        this.analystVerdicts = analystVerdicts;
    }

    @GetMapping("/")
    public String index(Model model) {
        model.addAttribute("rows", recent.newest(LIMIT));
        return "index";
    }

    @GetMapping("/messages/{id}")
    public String message(@PathVariable UUID id, Model model) {
        UUID tenantId = tenantOf(id);
        model.addAttribute("view", details.of(tenantId, id).orElseThrow(() -> notFound(id)));
        model.addAttribute("levels", RiskLevel.values());
        return "message";
    }

    /** An analyst's verdict from the message page; the form carries the session's CSRF token. */
    @PostMapping("/messages/{id}/verdict")
    public String decide(
            @PathVariable UUID id,
            @RequestParam RiskLevel level,
            @RequestParam String reason,
            Principal analyst,
            RedirectAttributes flash) {
        UUID tenantId = tenantOf(id);
        String why = reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a reason of 1 to 2,000 characters is needed");
        }
        VerdictVersion version = analystVerdicts.decide(tenantId, id, level, analyst.getName(), why);
        flash.addFlashAttribute(
                "notice", "Verdict version " + version.getVersion() + " recorded: " + version.getLevel() + ".");
        return "redirect:/messages/" + id;
    }

    private UUID tenantOf(UUID mailItemId) {
        return locator.tenantOf(mailItemId).orElseThrow(() -> notFound(mailItemId));
    }

    private static ResponseStatusException notFound(UUID mailItemId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no message " + mailItemId);
    }
}
