package io.palisade.core.mail;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores fetched mail with its indicator index, and finds mail again by indicator. Storing is idempotent on
 * (tenant, mailbox, provider message id): a message stored twice keeps its first row and indicators.
 */
@Service
public class MailStore {

    private static final Logger LOG = LoggerFactory.getLogger(MailStore.class);

    private final MailItemRepository mailItems;
    private final MailIndicatorRepository indicators;

    public MailStore(MailItemRepository mailItems, MailIndicatorRepository indicators) {
        this.mailItems = mailItems;
        this.indicators = indicators;
    }

    /**
     * Stores the item and its indicators unless the mailbox already holds a row for this provider message id.
     * Concurrent stores of one message are kept apart by the work queue (one claim per message); the database's
     * unique key is the backstop.
     *
     * @return the stored item: the new one, or the one stored before
     */
    @Transactional
    public MailItem storeIfAbsent(MailItem item, Collection<Indicator> carried) {
        return mailItems
                .findByTenantIdAndMailboxIdAndProviderMessageId(
                        item.getTenantId(), item.getMailboxId(), item.getProviderMessageId())
                .orElseGet(() -> store(item, carried));
    }

    /** The tenant's mail items that carry this indicator. */
    @Transactional(readOnly = true)
    public List<MailItem> carriersOf(UUID tenantId, Indicator indicator) {
        List<UUID> ids = indicators.findMailItemIds(tenantId, indicator.kind(), indicator.value());
        return ids.isEmpty() ? List.of() : mailItems.findByTenantIdAndIdIn(tenantId, ids);
    }

    private MailItem store(MailItem item, Collection<Indicator> carried) {
        MailItem stored = mailItems.save(item);
        Set<Indicator> distinct = new LinkedHashSet<>(carried);
        for (Indicator indicator : distinct) {
            indicators.save(
                    new MailIndicator(stored.getTenantId(), stored.getId(), indicator.kind(), indicator.value()));
        }
        LOG.debug(
                "event=mail_item_stored tenant={} mail_item={} indicators={}",
                stored.getTenantId(),
                stored.getId(),
                distinct.size());
        return stored;
    }
}
