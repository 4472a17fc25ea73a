package io.palisade.banners.live;

import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.detection.api.Signal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The state a message's banner shows. A message delivered to many mailboxes is many mail items, and a verdict
 * change (an analyst's decision, a re-scan) may reach only one of them first; the message's risk is a property of
 * its content, so every copy shows the newest verdict recorded for any copy.
 */
@Component
public class BannerStates {

    private static final Comparator<VerdictVersion> NEWEST_FIRST = Comparator.comparing(VerdictVersion::getCreatedAt)
            .thenComparing(VerdictVersion::getVersion)
            .reversed();

    private final MailItemRepository mailItems;
    private final VerdictService verdicts;

    public BannerStates(MailItemRepository mailItems, VerdictService verdicts) {
        this.mailItems = mailItems;
        this.verdicts = verdicts;
    }

    /** The state of the tenant's mail item, or empty when the item is unknown or has no verdict yet. */
    @Transactional(readOnly = true)
    public Optional<BannerState> current(UUID tenantId, UUID mailItemId) {
        return mailItems.findByTenantIdAndId(tenantId, mailItemId).flatMap(this::current);
    }

    /** The state of a mail item, or empty when no copy has a verdict yet. */
    @Transactional(readOnly = true)
    public Optional<BannerState> current(MailItem item) {
        List<UUID> copies = copyIds(item);
        return verdicts.currentOf(item.getTenantId(), copies).stream()
                .min(NEWEST_FIRST)
                .map(verdict -> new BannerState(
                        item.getTenantId(),
                        item.getId(),
                        item.getMailboxId(),
                        verdict.getId(),
                        verdict.getLevel(),
                        byWeight(verdicts.signals(verdict)),
                        verdict.getCreatedAt()));
    }

    /** Every copy of the item's message in its tenant (the item itself included), by internet message id. */
    @Transactional(readOnly = true)
    public List<MailItem> copies(MailItem item) {
        if (item.getInternetMessageId() == null) {
            return List.of(item);
        }
        List<MailItem> copies =
                mailItems.findByTenantIdAndInternetMessageId(item.getTenantId(), item.getInternetMessageId());
        return copies.isEmpty() ? List.of(item) : copies;
    }

    /** The ids of every copy of the tenant's mail item; just the id when the item is unknown. */
    @Transactional(readOnly = true)
    public List<UUID> copyIds(UUID tenantId, UUID mailItemId) {
        return mailItems
                .findByTenantIdAndId(tenantId, mailItemId)
                .map(this::copyIds)
                .orElse(List.of(mailItemId));
    }

    private List<UUID> copyIds(MailItem item) {
        return copies(item).stream().map(MailItem::getId).toList();
    }

    private static List<Signal> byWeight(List<Signal> signals) {
        return signals.stream()
                .sorted(Comparator.comparingDouble(Signal::weight).reversed())
                .toList();
    }
}
