package io.palisade.core.campaign;

import io.palisade.core.mail.MailItem;
import io.palisade.detection.model.ParsedMessage;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds the tenant's campaigns a newly stored message belongs to, by the reasons a campaign is formed with: the
 * internet message id of a member ({@code COPY}), a URL or file hash of the seed ({@code SHARED_URL}, {@code
 * SHARED_FILE}), or a near-duplicate text from the seed's sending domain ({@code NEAR_DUPLICATE}) or through its
 * sending infrastructure ({@code SAME_INFRASTRUCTURE}). Only campaigns
 * formed within {@code since} take new members: older ones have lost their seed's raw message.
 */
@Component
class CampaignMatcher {

    // Campaigns considered per reason: far more than one sending domain or URL is ever at the heart of at once.
    private static final int MAX_CAMPAIGNS = 100;
    // Seed fingerprints kept in memory: a seed's text never changes, and parsing it again on every arrival would
    // cost a parse per candidate campaign.
    private static final int MAX_CACHED_PRINTS = 10_000;

    private final JdbcTemplate jdbc;
    private final CampaignSimilarity similarity;
    private final Map<SeedKey, Optional<Long>> seedPrints = new ConcurrentHashMap<>();

    CampaignMatcher(JdbcTemplate jdbc, CampaignSimilarity similarity) {
        this.jdbc = jdbc;
        this.similarity = similarity;
    }

    /**
     * The campaigns the item matches, each with the first reason found (copy, shared indicator, near-duplicate).
     *
     * @param message the item as parsed at its scan; never null
     * @param since campaigns formed before this are not considered
     */
    Map<UUID, MemberReason> matches(MailItem item, ParsedMessage message, Instant since) {
        Map<UUID, MemberReason> matches = new LinkedHashMap<>();
        copies(item).forEach(id -> matches.putIfAbsent(id, MemberReason.COPY));
        sharedIndicators(item, since).forEach(matches::putIfAbsent);
        nearDuplicates(item, message, since).forEach(id -> matches.putIfAbsent(id, MemberReason.NEAR_DUPLICATE));
        sameInfrastructure(item, message, since)
                .forEach(id -> matches.putIfAbsent(id, MemberReason.SAME_INFRASTRUCTURE));
        return matches;
    }

    private Set<UUID> copies(MailItem item) {
        if (item.getInternetMessageId() == null) {
            return Set.of();
        }
        return Set.copyOf(jdbc.queryForList(
                """
                SELECT DISTINCT m.campaign_id FROM mail_items i
                JOIN campaign_members m ON m.tenant_id = i.tenant_id AND m.mail_item_id = i.id
                WHERE i.tenant_id = ? AND i.internet_message_id = ? AND i.id <> ?
                LIMIT ?
                """, UUID.class, item.getTenantId(), item.getInternetMessageId(), item.getId(), MAX_CAMPAIGNS));
    }

    private Map<UUID, MemberReason> sharedIndicators(MailItem item, Instant since) {
        List<Shared> rows = jdbc.query(
                """
                SELECT c.id, s.kind, s.value FROM mail_indicators x
                JOIN mail_indicators s ON s.tenant_id = x.tenant_id AND s.kind = x.kind AND s.value = x.value
                JOIN campaigns c ON c.tenant_id = s.tenant_id AND c.seed_mail_item_id = s.mail_item_id
                WHERE x.tenant_id = ? AND x.mail_item_id = ? AND x.kind IN ('URL', 'FILE_HASH')
                  AND s.mail_item_id <> x.mail_item_id AND c.created_at >= ?
                ORDER BY c.created_at DESC
                LIMIT ?
                """,
                (rs, row) -> new Shared(
                        rs.getObject("id", UUID.class), "URL".equals(rs.getString("kind")), rs.getString("value")),
                item.getTenantId(),
                item.getId(),
                Timestamp.from(since),
                MAX_CAMPAIGNS);
        if (rows.isEmpty()) {
            return Map.of();
        }
        Set<String> ownDomains = similarity.ownDomains(item.getTenantId());
        Map<UUID, MemberReason> shared = new LinkedHashMap<>();
        for (Shared row : rows) {
            if (!row.url() || !CampaignSimilarity.isOwnUrl(row.value(), ownDomains)) {
                shared.putIfAbsent(row.campaignId(), row.url() ? MemberReason.SHARED_URL : MemberReason.SHARED_FILE);
            }
        }
        return shared;
    }

    private Set<UUID> nearDuplicates(MailItem item, ParsedMessage message, Instant since) {
        Optional<String> domain = CampaignSimilarity.senderDomain(item.getSender());
        if (domain.isEmpty()) {
            return Set.of();
        }
        long print = CampaignSimilarity.fingerprint(message);
        List<Seed> seeds = jdbc.query(
                """
                SELECT c.id, c.seed_mail_item_id, s.sender FROM campaigns c
                JOIN mail_items s ON s.tenant_id = c.tenant_id AND s.id = c.seed_mail_item_id
                WHERE c.tenant_id = ? AND c.created_at >= ? AND lower(s.sender) LIKE ? AND s.id <> ?
                ORDER BY c.created_at DESC
                LIMIT ?
                """,
                (rs, row) -> new Seed(
                        rs.getObject("id", UUID.class),
                        rs.getObject("seed_mail_item_id", UUID.class),
                        rs.getString("sender")),
                item.getTenantId(),
                Timestamp.from(since),
                "%@" + domain.get(),
                item.getId(),
                MAX_CAMPAIGNS);
        Set<UUID> near = new LinkedHashSet<>();
        for (Seed seed : seeds) {
            // LIKE takes _ and % in a domain for wildcards: the exact domain is compared here.
            if (CampaignSimilarity.senderDomain(seed.sender()).equals(domain)
                    && seedPrint(item.getTenantId(), seed.mailItemId())
                            .map(seedPrint -> CampaignSimilarity.nearDuplicates(seedPrint, print))
                            .orElse(false)) {
                near.add(seed.campaignId());
            }
        }
        return near;
    }

    /** Campaigns whose seed shares a sending-infrastructure value with the item and is a near-duplicate of it. */
    private Set<UUID> sameInfrastructure(MailItem item, ParsedMessage message, Instant since) {
        List<Seed> seeds = jdbc.query(
                """
                SELECT DISTINCT c.id, c.seed_mail_item_id, c.created_at FROM mail_indicators x
                JOIN mail_indicators s ON s.tenant_id = x.tenant_id AND s.kind = x.kind AND s.value = x.value
                JOIN campaigns c ON c.tenant_id = s.tenant_id AND c.seed_mail_item_id = s.mail_item_id
                WHERE x.tenant_id = ? AND x.mail_item_id = ? AND x.kind = 'INFRASTRUCTURE'
                  AND s.mail_item_id <> x.mail_item_id AND c.created_at >= ?
                ORDER BY c.created_at DESC
                LIMIT ?
                """,
                (rs, row) ->
                        new Seed(rs.getObject("id", UUID.class), rs.getObject("seed_mail_item_id", UUID.class), null),
                item.getTenantId(),
                item.getId(),
                Timestamp.from(since),
                MAX_CAMPAIGNS);
        if (seeds.isEmpty()) {
            return Set.of();
        }
        long print = CampaignSimilarity.fingerprint(message);
        Set<UUID> near = new LinkedHashSet<>();
        for (Seed seed : seeds) {
            if (seedPrint(item.getTenantId(), seed.mailItemId())
                    .map(seedPrint -> CampaignSimilarity.nearDuplicates(seedPrint, print))
                    .orElse(false)) {
                near.add(seed.campaignId());
            }
        }
        return near;
    }

    private Optional<Long> seedPrint(UUID tenantId, UUID seedMailItemId) {
        if (seedPrints.size() > MAX_CACHED_PRINTS) {
            seedPrints.clear();
        }
        return seedPrints.computeIfAbsent(
                new SeedKey(tenantId, seedMailItemId), key -> similarity.fingerprint(key.tenantId(), key.seed()));
    }

    private record Shared(UUID campaignId, boolean url, String value) {}

    private record Seed(UUID campaignId, UUID mailItemId, String sender) {}

    private record SeedKey(UUID tenantId, UUID seed) {}
}
