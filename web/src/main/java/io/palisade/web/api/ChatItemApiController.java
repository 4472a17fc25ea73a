package io.palisade.web.api;

import io.palisade.core.chat.ChatAction;
import io.palisade.core.chat.ChatItem;
import io.palisade.core.chat.ChatItemViews;
import io.palisade.core.chat.ChatLifecycle;
import io.palisade.core.chat.ChatVerdictVersion;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/**
 * Chat messages with files (chat items), their verdict history and actions, analysts' verdicts on them, and the
 * release that shows a hidden message to its readers again.
 */
@RestController
@RequestMapping("/api/v1/chat-items")
public class ChatItemApiController {

    private final ChatItemViews views;
    private final ChatLifecycle lifecycle;

    public ChatItemApiController(ChatItemViews views, ChatLifecycle lifecycle) {
        this.views = views;
        this.lifecycle = lifecycle;
    }

    /** The newest chat items of every tenant with their current verdicts. */
    @GetMapping
    public List<Map<String, Object>> recent(@RequestParam(defaultValue = "50") int limit) {
        return views.newest(Math.clamp(limit, 1, 500)).stream()
                .map(row -> {
                    Map<String, Object> out = item(row.item());
                    out.put("tenantName", row.tenantName());
                    out.put("level", row.level());
                    out.put("score", row.score());
                    return out;
                })
                .toList();
    }

    /** One chat item: its files, every verdict version (newest first) with its cause, its actions and audit. */
    @GetMapping("/{id}")
    public ResponseEntity<Map<String, Object>> detail(@PathVariable UUID id) {
        Optional<ChatItemViews.Detail> detail = views.tenantOf(id).flatMap(tenant -> views.of(tenant, id));
        if (detail.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        ChatItemViews.Detail d = detail.get();
        Map<String, Object> out = item(d.item());
        out.put("level", d.current().map(ChatVerdictVersion::level).orElse(null));
        out.put(
                "files",
                d.files().stream()
                        .map(f -> Map.of(
                                "fileRef", f.fileRef(),
                                "name", f.name(),
                                "sizeBytes", f.sizeBytes(),
                                "scanned", f.result().scanned(),
                                "level", f.result().level().map(Enum::name).orElse(""),
                                "notScannedReason", f.result().reason().orElse("")))
                        .toList());
        out.put(
                "verdicts",
                d.verdicts().stream().map(ChatItemApiController::verdict).toList());
        out.put(
                "actions",
                d.actions().stream().map(ChatItemApiController::action).toList());
        out.put(
                "audit",
                d.audit().stream()
                        .map(a -> Map.of(
                                "actor", a.getActor(),
                                "action", a.getAction(),
                                "reason", String.valueOf(a.getReason()),
                                "at", a.getCreatedAt()))
                        .toList());
        return ResponseEntity.ok(out);
    }

    /**
     * Records an analyst's verdict: a new verdict version, the policy's action for its level (MALICIOUS hides the
     * message, a lowered verdict shows it again), and an audit entry naming the analyst and the reason.
     */
    @PostMapping("/{id}/verdict")
    public ResponseEntity<Map<String, Object>> decide(
            @PathVariable UUID id, @Valid @RequestBody VerdictRequest request, Principal analyst) {
        UUID tenantId = views.tenantOf(id).orElse(null);
        if (tenantId == null) {
            return ResponseEntity.notFound().build();
        }
        String reason = request.reason() == null ? "" : request.reason();
        ChatVerdictVersion version = lifecycle.decide(tenantId, id, request.level(), analyst.getName(), reason);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of(
                        "chatItemId", id,
                        "version", version.version(),
                        "level", version.level(),
                        "decidedBy", analyst.getName()));
    }

    /** Shows a hidden chat message to its readers again, whatever its verdict; audited. */
    @PostMapping("/{id}/release")
    public ResponseEntity<Map<String, Object>> release(
            @PathVariable UUID id, @Valid @RequestBody(required = false) ReleaseRequest request, Principal analyst) {
        UUID tenantId = views.tenantOf(id).orElse(null);
        if (tenantId == null) {
            return ResponseEntity.notFound().build();
        }
        String reason = request == null || request.reason() == null ? "" : request.reason();
        Optional<ChatAction> action = lifecycle.release(tenantId, id, analyst.getName(), reason);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("chatItemId", id);
        out.put("actionId", action.map(ChatAction::id).orElse(null));
        out.put("releasedBy", analyst.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(out);
    }

    /**
     * An analyst's release of a chat message.
     *
     * @param reason why, in the analyst's words; at most 2,000 characters
     */
    public record ReleaseRequest(@Size(max = 2000) String reason) {}

    private static Map<String, Object> item(ChatItem item) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("chatItemId", item.id());
        out.put("tenantId", item.tenantId());
        out.put("provider", item.provider());
        out.put("chatId", item.chatId());
        out.put("messageId", item.messageId());
        out.put("sender", item.sender());
        out.put("files", item.files());
        out.put("postedAt", item.postedAt());
        out.put("lastModifiedAt", item.lastModifiedAt());
        out.put("hidden", item.hidden());
        return out;
    }

    private static Map<String, Object> verdict(ChatVerdictVersion v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", v.version());
        out.put("level", v.level());
        out.put("score", v.score());
        out.put("cause", v.cause());
        out.put("causedBy", v.causedBy());
        out.put("engineVersion", v.engineVersion());
        out.put("reasons", v.signals().stream().map(s -> s.reason()).distinct().toList());
        out.put("at", v.createdAt());
        return out;
    }

    private static Map<String, Object> action(ChatAction a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("actionId", a.id());
        out.put("kind", a.kind());
        out.put("status", a.status());
        out.put("attempts", a.attempts());
        out.put("lastError", a.lastError());
        out.put("requestedBy", a.requestedBy());
        out.put("createdAt", a.createdAt());
        out.put("updatedAt", a.updatedAt());
        return out;
    }
}
