package io.palisade.web.console;

import io.palisade.core.chat.ChatItemViews;
import io.palisade.core.chat.ChatLifecycle;
import io.palisade.core.chat.ChatVerdictVersion;
import io.palisade.detection.api.RiskLevel;
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

/**
 * The console's chat pages: the newest Teams chat messages with files and their verdicts, and one message with its
 * files, verdict history, actions and audit, where an analyst decides or shows a hidden message again.
 */
@Controller
public class ChatConsoleController {

    private static final int LIMIT = 100;
    private static final int MAX_REASON = 2000;

    private final ChatItemViews views;
    private final ChatLifecycle lifecycle;

    public ChatConsoleController(ChatItemViews views, ChatLifecycle lifecycle) {
        this.views = views;
        this.lifecycle = lifecycle;
    }

    @GetMapping("/chats")
    public String chats(Model model) {
        model.addAttribute("rows", views.newest(LIMIT));
        return "chats";
    }

    @GetMapping("/chats/{id}")
    public String chat(@PathVariable UUID id, Model model) {
        UUID tenantId = tenantOf(id);
        model.addAttribute("view", views.of(tenantId, id).orElseThrow(() -> notFound(id)));
        model.addAttribute("levels", RiskLevel.values());
        return "chat";
    }

    /** An analyst's verdict on the chat message; the policy hides or shows it as the new level asks. */
    @PostMapping("/chats/{id}/verdict")
    public String decide(
            @PathVariable UUID id,
            @RequestParam RiskLevel level,
            @RequestParam String reason,
            Principal analyst,
            RedirectAttributes flash) {
        UUID tenantId = tenantOf(id);
        ChatVerdictVersion version = lifecycle.decide(tenantId, id, level, analyst.getName(), reason(reason));
        flash.addFlashAttribute(
                "notice", "Verdict version " + version.version() + " recorded: " + version.level() + ".");
        return "redirect:/chats/" + id;
    }

    /** Shows the hidden message to its readers again, whatever its verdict. */
    @PostMapping("/chats/{id}/release")
    public String release(
            @PathVariable UUID id, @RequestParam String reason, Principal analyst, RedirectAttributes flash) {
        UUID tenantId = tenantOf(id);
        boolean asked = lifecycle
                .release(tenantId, id, analyst.getName(), reason(reason))
                .isPresent();
        flash.addFlashAttribute(
                "notice", asked ? "The message is being shown again." : "The message is not hidden: nothing to do.");
        return "redirect:/chats/" + id;
    }

    private static String reason(String reason) {
        String why = reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a reason of 1 to 2,000 characters is needed");
        }
        return why;
    }

    private UUID tenantOf(UUID chatItemId) {
        return views.tenantOf(chatItemId).orElseThrow(() -> notFound(chatItemId));
    }

    private static ResponseStatusException notFound(UUID chatItemId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no chat message " + chatItemId);
    }
}
