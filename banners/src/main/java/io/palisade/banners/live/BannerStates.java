package io.palisade.banners.live;

import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.verdict.VerdictService;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The state a message's banner shows. A message delivered to many mailboxes is many mail items, and a verdict
 * change (an analyst's decision, a re-scan) may reach only one of them first; the message's risk is a property of
 * its content, so every copy shows the newest verdict recorded for any copy. One exception: a version caused by a
 * recipient's trust in the sender (cause RECIPIENT_TRUST) speaks for that recipient's copy only, so it counts for
 * its own copy and is left out for every other.
 *
 * <p>The newest verdict of all copies is found with one read-only query over core's mail item and verdict tables
 * (tenant-scoped, by their indexes) rather than through the repositories, which would load every copy and every
 * copy's verdict: a campaign message has thousands of copies, and each live-page connection asks for its state.
 */
@Component
public class BannerStates {

    // The newest verdict of any copy, another recipient's trust left out.
    private static final String NEWEST_OF_ALL_COPIES = """
            SELECT v.id, v.level, v.signals::text, v.created_at FROM mail_items m
              JOIN verdicts v ON v.tenant_id = m.tenant_id AND v.mail_item_id = m.id
             WHERE m.tenant_id = ? AND m.internet_message_id = ?
               AND (v.cause <> 'RECIPIENT_TRUST' OR v.mail_item_id = ?)
             ORDER BY v.created_at DESC, v.version DESC LIMIT 1
            """;
    private static final String CURRENT_OF_ITEM = """
            SELECT id, level, signals::text, created_at FROM verdicts
             WHERE tenant_id = ? AND mail_item_id = ?
             ORDER BY version DESC LIMIT 1
            """;
    private static final String COPY_IDS = "SELECT id FROM mail_items WHERE tenant_id = ? AND internet_message_id = ?";

    private final MailItemRepository mailItems;
    private final VerdictService verdicts;
    private final JdbcTemplate jdbc;

    public BannerStates(MailItemRepository mailItems, VerdictService verdicts, JdbcTemplate jdbc) {
        this.mailItems = mailItems;
        this.verdicts = verdicts;
        this.jdbc = jdbc;
    }

    /** The state of the tenant's mail item, or empty when the item is unknown or has no verdict yet. */
    @Transactional(readOnly = true)
    public Optional<BannerState> current(UUID tenantId, UUID mailItemId) {
        return mailItems.findByTenantIdAndId(tenantId, mailItemId).flatMap(this::current);
    }

    /**
     * The state of a mail item, or empty when no copy has a verdict yet. One query, with no transaction of its own:
     * each banner rewrite of a campaign's copies asks for it.
     */
    public Optional<BannerState> current(MailItem item) {
        List<BannerState> newest = item.getInternetMessageId() == null
                ? jdbc.query(CURRENT_OF_ITEM, (rs, row) -> state(item, rs), item.getTenantId(), item.getId())
                : jdbc.query(
                        NEWEST_OF_ALL_COPIES,
                        (rs, row) -> state(item, rs),
                        item.getTenantId(),
                        item.getInternetMessageId(),
                        item.getId());
        return newest.stream().findFirst();
    }

    private BannerState state(MailItem item, ResultSet rs) throws SQLException {
        return new BannerState(
                item.getTenantId(),
                item.getId(),
                item.getMailboxId(),
                rs.getObject(1, UUID.class),
                RiskLevel.valueOf(rs.getString(2)),
                byWeight(verdicts.signals(rs.getString(3))),
                rs.getTimestamp(4).toInstant());
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
        Optional<MailItem> item = mailItems.findByTenantIdAndId(tenantId, mailItemId);
        if (item.isEmpty() || item.get().getInternetMessageId() == null) {
            return List.of(mailItemId);
        }
        return jdbc.queryForList(COPY_IDS, UUID.class, tenantId, item.get().getInternetMessageId());
    }

    private static List<Signal> byWeight(List<Signal> signals) {
        return signals.stream()
                .sorted(Comparator.comparingDouble(Signal::weight).reversed())
                .toList();
    }
}
