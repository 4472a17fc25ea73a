package io.palisade.core.chat;

import io.palisade.core.audit.AuditEntry;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import io.palisade.detection.api.RiskLevel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What an analyst reads of chat items: the newest with their verdicts, and one item with its whole history. */
@Service
public class ChatItemViews {

    private final TenantService tenants;
    private final ChatItemStore items;
    private final ChatFileScans files;
    private final ChatVerdicts verdicts;
    private final ChatActions actions;
    private final AuditLog audit;

    public ChatItemViews(
            TenantService tenants,
            ChatItemStore items,
            ChatFileScans files,
            ChatVerdicts verdicts,
            ChatActions actions,
            AuditLog audit) {
        this.tenants = tenants;
        this.items = items;
        this.files = files;
        this.verdicts = verdicts;
        this.actions = actions;
        this.audit = audit;
    }

    /**
     * One row of the list.
     *
     * @param level the current verdict's level, null before the first verdict
     * @param score the current verdict's score, null before the first verdict
     */
    public record Row(UUID tenantId, String tenantName, ChatItem item, RiskLevel level, Integer score) {}

    /**
     * One chat item as an analyst judges it.
     *
     * @param verdicts every verdict version, newest first
     * @param actions every action, oldest first
     */
    public record Detail(
            ChatItem item,
            List<ChatFileScans.RecordedFile> files,
            List<ChatVerdictVersion> verdicts,
            List<ChatAction> actions,
            List<AuditEntry> audit) {

        /** The current verdict, if there is one. */
        public Optional<ChatVerdictVersion> current() {
            return verdicts.stream().findFirst();
        }
    }

    /** Up to {@code limit} newest chat items of every active tenant, newest first, for installation administrators. */
    @Transactional(readOnly = true)
    public List<Row> newest(int limit) {
        List<Row> rows = new ArrayList<>();
        for (Tenant tenant : tenants.active()) {
            for (ChatItem item : items.newest(tenant.getId(), limit)) {
                Optional<ChatVerdictVersion> current = verdicts.current(tenant.getId(), item.id());
                rows.add(new Row(
                        tenant.getId(),
                        tenant.getName(),
                        item,
                        current.map(ChatVerdictVersion::level).orElse(null),
                        current.map(ChatVerdictVersion::score).orElse(null)));
            }
        }
        rows.sort(Comparator.comparing((Row r) -> r.item().createdAt()).reversed());
        return rows.size() > limit ? rows.subList(0, limit) : rows;
    }

    /** The item with its files, verdicts, actions and audit, or empty when the tenant has no such chat item. */
    @Transactional(readOnly = true)
    public Optional<Detail> of(UUID tenantId, UUID chatItemId) {
        return items.find(tenantId, chatItemId)
                .map(item -> new Detail(
                        item,
                        files.ofMessage(tenantId, item.chatId(), item.messageId()),
                        verdicts.history(tenantId, item.id()).reversed(),
                        actions.of(tenantId, item.id()),
                        audit.about(tenantId, item.auditTarget())));
    }

    /** The tenant of a chat item found by its id alone (installation administrators address items by id). */
    public Optional<UUID> tenantOf(UUID chatItemId) {
        return items.tenantOf(chatItemId);
    }
}
