package io.palisade.core.campaign;

import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.pipeline.PipelineProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Forms campaigns around a seed message, within the raw-message retention window: its copies (same internet
 * message id), messages whose subject and body are near-duplicates (SimHash within {@value #MAX_DISTANCE} bits) sent
 * from the same domain or through the same sending infrastructure ({@link SendingInfrastructure}), and messages that
 * share a URL (not of the tenant's own domains) or a file hash.
 */
@Service
public class CampaignService {

    /** Fingerprints this close (of 64 bits) count as near-duplicates. */
    static final int MAX_DISTANCE = CampaignSimilarity.MAX_DISTANCE;

    /** A campaign holds at most this many messages; more are left out, at forming and on arrival alike. */
    static final int MAX_MEMBERS = 50_000;

    private static final Logger LOG = LoggerFactory.getLogger(CampaignService.class);
    private static final int MAX_CANDIDATES = 5_000;

    private final JdbcTemplate jdbc;
    private final MailItemRepository mailItems;
    private final CampaignSimilarity similarity;
    private final PipelineProperties pipeline;
    private final Clock clock;

    CampaignService(
            JdbcTemplate jdbc,
            MailItemRepository mailItems,
            CampaignSimilarity similarity,
            PipelineProperties pipeline,
            Clock clock) {
        this.jdbc = jdbc;
        this.mailItems = mailItems;
        this.similarity = similarity;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    /**
     * The campaign formed around this message: the one formed before, or a new one.
     *
     * @throws NoSuchElementException if the tenant has no such mail item
     */
    @Transactional
    public Campaign formAround(UUID tenantId, UUID seedMailItemId) {
        MailItem seed = mailItems
                .findForUpdateByTenantIdAndId(tenantId, seedMailItemId)
                .orElseThrow(() -> new NoSuchElementException("no mail item " + seedMailItemId + " in tenant"));
        Optional<UUID> existing = jdbc
                .queryForList(
                        "SELECT id FROM campaigns WHERE tenant_id = ? AND seed_mail_item_id = ?",
                        UUID.class,
                        tenantId,
                        seedMailItemId)
                .stream()
                .findFirst();
        if (existing.isPresent()) {
            return find(tenantId, existing.get()).orElseThrow();
        }
        // Mail that arrives later joins through CampaignArrivals, by the same reasons.
        Map<UUID, MemberReason> members = members(seed);
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO campaigns (id, tenant_id, seed_mail_item_id, internet_message_id, created_at)"
                        + " VALUES (?, ?, ?, ?, ?)",
                id,
                tenantId,
                seedMailItemId,
                seed.getInternetMessageId(),
                Timestamp.from(clock.instant()));
        jdbc.batchUpdate(
                "INSERT INTO campaign_members (tenant_id, campaign_id, mail_item_id, reason) VALUES (?, ?, ?, ?)",
                members.entrySet().stream()
                        .map(e -> new Object[] {
                            tenantId, id, e.getKey(), e.getValue().name()
                        })
                        .toList());
        LOG.info("event=campaign_formed tenant={} campaign={} members={}", tenantId, id, members.size());
        return find(tenantId, id).orElseThrow();
    }

    /** A campaign of the tenant with its members, or empty. */
    @Transactional(readOnly = true)
    public Optional<Campaign> find(UUID tenantId, UUID campaignId) {
        List<Campaign.Member> members = jdbc.query(
                "SELECT mail_item_id, reason FROM campaign_members WHERE tenant_id = ? AND campaign_id = ?"
                        + " ORDER BY reason, mail_item_id",
                (rs, n) -> new Campaign.Member(
                        rs.getObject("mail_item_id", UUID.class), MemberReason.valueOf(rs.getString("reason"))),
                tenantId,
                campaignId);
        return jdbc
                .query(
                        "SELECT * FROM campaigns WHERE tenant_id = ? AND id = ?",
                        (rs, n) -> new Campaign(
                                campaignId,
                                tenantId,
                                rs.getObject("seed_mail_item_id", UUID.class),
                                rs.getString("internet_message_id"),
                                rs.getTimestamp("created_at").toInstant(),
                                members),
                        tenantId,
                        campaignId)
                .stream()
                .findFirst();
    }

    private Map<UUID, MemberReason> members(MailItem seed) {
        UUID tenantId = seed.getTenantId();
        Instant since = clock.instant().minus(pipeline.rawRetention());
        Map<UUID, MemberReason> members = new LinkedHashMap<>();
        members.put(seed.getId(), MemberReason.SEED);
        if (seed.getInternetMessageId() != null) {
            mailItems
                    .findByTenantIdAndInternetMessageId(tenantId, seed.getInternetMessageId())
                    .forEach(copy -> members.putIfAbsent(copy.getId(), MemberReason.COPY));
        }
        sharedIndicators(seed, since, similarity.ownDomains(tenantId)).forEach(members::putIfAbsent);
        nearDuplicates(seed, since).forEach(members::putIfAbsent);
        return members.entrySet().stream()
                .limit(MAX_MEMBERS)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    private Map<UUID, MemberReason> sharedIndicators(MailItem seed, Instant since, Set<String> ownDomains) {
        Map<UUID, MemberReason> shared = new LinkedHashMap<>();
        jdbc.query(
                """
                SELECT o.mail_item_id, o.kind, o.value FROM mail_indicators s
                JOIN mail_indicators o ON o.tenant_id = s.tenant_id AND o.kind = s.kind AND o.value = s.value
                JOIN mail_items i ON i.tenant_id = o.tenant_id AND i.id = o.mail_item_id
                WHERE s.tenant_id = ? AND s.mail_item_id = ? AND s.kind IN ('URL', 'FILE_HASH')
                  AND o.mail_item_id <> s.mail_item_id AND i.received_at >= ?
                LIMIT ?
                """,
                rs -> {
                    boolean url = "URL".equals(rs.getString("kind"));
                    if (!url || !CampaignSimilarity.isOwnUrl(rs.getString("value"), ownDomains)) {
                        shared.putIfAbsent(
                                rs.getObject("mail_item_id", UUID.class),
                                url ? MemberReason.SHARED_URL : MemberReason.SHARED_FILE);
                    }
                },
                seed.getTenantId(),
                seed.getId(),
                Timestamp.from(since),
                MAX_CANDIDATES);
        return shared;
    }

    /**
     * Near-duplicates of the seed (subject and body) sent from its domain ({@code NEAR_DUPLICATE}) or, from another
     * domain, through its sending infrastructure ({@code SAME_INFRASTRUCTURE}).
     */
    private Map<UUID, MemberReason> nearDuplicates(MailItem seed, Instant since) {
        Optional<String> senderDomain = CampaignSimilarity.senderDomain(seed.getSender());
        Map<UUID, Boolean> sharesInfrastructure = new LinkedHashMap<>();
        jdbc.query(
                """
                SELECT i.id, bool_or(c.shares) AS shares FROM (
                  SELECT o.mail_item_id AS id, true AS shares FROM mail_indicators s
                  JOIN mail_indicators o ON o.tenant_id = s.tenant_id AND o.kind = s.kind AND o.value = s.value
                  WHERE s.tenant_id = ? AND s.mail_item_id = ? AND s.kind = 'INFRASTRUCTURE'
                  UNION ALL
                  SELECT m.id, false FROM mail_items m WHERE m.tenant_id = ? AND lower(m.sender) LIKE ?
                ) c
                JOIN mail_items i ON i.tenant_id = ? AND i.id = c.id
                WHERE i.received_at >= ? AND i.id <> ?
                GROUP BY i.id, i.received_at
                ORDER BY i.received_at DESC LIMIT ?
                """,
                rs -> {
                    sharesInfrastructure.put(rs.getObject("id", UUID.class), rs.getBoolean("shares"));
                },
                seed.getTenantId(),
                seed.getId(),
                seed.getTenantId(),
                senderDomain.map(domain -> "%@" + domain).orElse(""),
                seed.getTenantId(),
                Timestamp.from(since),
                seed.getId(),
                MAX_CANDIDATES);
        Optional<Long> seedPrint = sharesInfrastructure.isEmpty() ? Optional.empty() : similarity.fingerprint(seed);
        if (seedPrint.isEmpty()) {
            return Map.of();
        }
        // Not yet: fingerprints are not stored, so every candidate's raw message is parsed again here.
        Map<UUID, MemberReason> near = new LinkedHashMap<>();
        for (MailItem item :
                mailItems.findByTenantIdAndIdIn(seed.getTenantId(), List.copyOf(sharesInfrastructure.keySet()))) {
            // LIKE takes _ and % in a domain for wildcards: the exact domain is compared here.
            boolean sameDomain =
                    senderDomain.isPresent() && senderDomain.equals(CampaignSimilarity.senderDomain(item.getSender()));
            boolean related = sameDomain || sharesInfrastructure.get(item.getId());
            if (related
                    && similarity
                            .fingerprint(item)
                            .map(print -> CampaignSimilarity.nearDuplicates(print, seedPrint.get()))
                            .orElse(false)) {
                near.put(item.getId(), sameDomain ? MemberReason.NEAR_DUPLICATE : MemberReason.SAME_INFRASTRUCTURE);
            }
        }
        return near;
    }
}
