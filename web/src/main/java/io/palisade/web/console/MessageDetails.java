package io.palisade.web.console;

import io.palisade.core.action.MailAction;
import io.palisade.core.action.MailActionRepository;
import io.palisade.core.audit.AuditEntry;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.detection.api.Signal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything an analyst needs to judge one message: where it is, every verdict it had and why, what Palisade did
 * to it, and who did what. Read within one tenant; the caller finds the tenant first.
 */
@Service
public class MessageDetails {

    private final TenantService tenants;
    private final MailItemRepository mailItems;
    private final MailboxRepository mailboxes;
    private final VerdictService verdicts;
    private final MailActionRepository actions;
    private final AuditLog audit;

    public MessageDetails(
            TenantService tenants,
            MailItemRepository mailItems,
            MailboxRepository mailboxes,
            VerdictService verdicts,
            MailActionRepository actions,
            AuditLog audit) {
        this.tenants = tenants;
        this.mailItems = mailItems;
        this.mailboxes = mailboxes;
        this.verdicts = verdicts;
        this.actions = actions;
        this.audit = audit;
    }

    /**
     * One message of a tenant as the console shows it.
     *
     * @param mailbox the address of the mailbox that holds this copy, null if the mailbox is gone
     * @param verdicts every verdict version, newest first
     * @param signals the current verdict's signals, heaviest first; empty before the first verdict
     * @param copies the other copies of the same message in the tenant (same internet message id)
     */
    public record View(
            Tenant tenant,
            MailItem item,
            String mailbox,
            List<VerdictVersion> verdicts,
            List<Signal> signals,
            List<MailAction> actions,
            List<AuditEntry> audit,
            List<Copy> copies) {

        /** The current verdict, if there is one. */
        public Optional<VerdictVersion> current() {
            return verdicts.stream().findFirst();
        }
    }

    /** Another copy of the message: its mail item, the mailbox that holds it (null if gone) and its folder. */
    public record Copy(UUID mailItemId, String mailbox, String folder) {}

    /** The message, or empty when the tenant has no such mail item. */
    @Transactional(readOnly = true)
    public Optional<View> of(UUID tenantId, UUID mailItemId) {
        return mailItems.findByTenantIdAndId(tenantId, mailItemId).map(item -> view(tenantId, item));
    }

    private View view(UUID tenantId, MailItem item) {
        List<VerdictVersion> history = verdicts.history(tenantId, item.getId()).reversed();
        List<Signal> signals = history.isEmpty()
                ? List.of()
                : verdicts.signals(history.getFirst()).stream()
                        .sorted(Comparator.comparingDouble(Signal::weight).reversed())
                        .toList();
        String mailbox = addressOf(tenantId, item.getMailboxId());
        return new View(
                tenants.require(tenantId),
                item,
                mailbox,
                history,
                signals,
                actions.findByTenantIdAndMailItemIdOrderByCreatedAt(tenantId, item.getId()),
                audit.about(tenantId, "mail_item:" + item.getId()),
                copiesOf(tenantId, item));
    }

    private List<Copy> copiesOf(UUID tenantId, MailItem item) {
        if (item.getInternetMessageId() == null) {
            return List.of();
        }
        return mailItems.findByTenantIdAndInternetMessageId(tenantId, item.getInternetMessageId()).stream()
                .filter(copy -> !copy.getId().equals(item.getId()))
                .map(copy -> new Copy(copy.getId(), addressOf(tenantId, copy.getMailboxId()), copy.getFolder()))
                .toList();
    }

    private String addressOf(UUID tenantId, UUID mailboxId) {
        return mailboxes
                .findByTenantIdAndId(tenantId, mailboxId)
                .map(Mailbox::getAddress)
                .orElse(null);
    }
}
