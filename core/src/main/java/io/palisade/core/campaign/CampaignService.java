package io.palisade.core.campaign;

import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.mail.RawMessageStore;
import io.palisade.core.pipeline.PipelineProperties;
import io.palisade.detection.parse.Deadline;
import io.palisade.detection.parse.MessageParser;
import io.palisade.detection.parse.ParseLimits;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * message id), messages from the same sending domain whose subject and body are near-duplicates (SimHash within
 * {@value #MAX_DISTANCE} bits), and messages that share a URL (not of the tenant's own domains) or a file hash.
 */
@Service
public class CampaignService {

    /** Fingerprints this close (of 64 bits) count as near-duplicates. */
    static final int MAX_DISTANCE = 6;

    private static final Logger LOG = LoggerFactory.getLogger(CampaignService.class);
    private static final int MAX_CANDIDATES = 5_000;
    private static final int MAX_MEMBERS = 50_000;

    private final JdbcTemplate jdbc;
    private final MailItemRepository mailItems;
    private final RawMessageStore rawMessages;
    private final PipelineProperties pipeline;
    private final Clock clock;
    private final MessageParser parser = new MessageParser(ParseLimits.defaults());

    public CampaignService(
            JdbcTemplate jdbc,
            MailItemRepository mailItems,
            RawMessageStore rawMessages,
            PipelineProperties pipeline,
            Clock clock) {
        this.jdbc = jdbc;
        this.mailItems = mailItems;
        this.rawMessages = rawMessages;
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
        // Not yet: members are fixed here; similar mail arriving later is not added to this campaign.
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
        sharedIndicators(seed, since, ownDomains(tenantId)).forEach(members::putIfAbsent);
        nearDuplicates(seed, since).forEach(id -> members.putIfAbsent(id, MemberReason.NEAR_DUPLICATE));
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
                    if (!url || !isOwn(host(rs.getString("value")), ownDomains)) {
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

    private List<UUID> nearDuplicates(MailItem seed, Instant since) {
        if (seed.getSender() == null || !seed.getSender().contains("@")) {
            return List.of();
        }
        Optional<Long> seedPrint = fingerprint(seed);
        if (seedPrint.isEmpty()) {
            return List.of();
        }
        String domain = seed.getSender().substring(seed.getSender().lastIndexOf('@') + 1);
        List<UUID> candidates = jdbc.queryForList(
                "SELECT id FROM mail_items WHERE tenant_id = ? AND lower(sender) LIKE ? AND received_at >= ?"
                        + " AND id <> ? ORDER BY received_at DESC LIMIT ?",
                UUID.class,
                seed.getTenantId(),
                "%@" + domain.toLowerCase(Locale.ROOT),
                Timestamp.from(since),
                seed.getId(),
                MAX_CANDIDATES);
        return mailItems.findByTenantIdAndIdIn(seed.getTenantId(), candidates).stream()
                .filter(item -> fingerprint(item)
                        .map(print -> SimHash.distance(print, seedPrint.get()) <= MAX_DISTANCE)
                        .orElse(false))
                .map(MailItem::getId)
                .toList();
    }

    private Optional<Long> fingerprint(MailItem item) {
        return rawMessages.load(item.getTenantId(), item.getId()).map(raw -> {
            var parsed =
                    parser.parseMail(raw, Deadline.after(Duration.ofSeconds(2))).message();
            return SimHash.of((parsed.subject() == null ? "" : parsed.subject()) + "\n" + parsed.textBody());
        });
    }

    private Set<String> ownDomains(UUID tenantId) {
        return Set.copyOf(jdbc.queryForList(
                "SELECT DISTINCT lower(split_part(address, '@', 2)) FROM mailboxes WHERE tenant_id = ?",
                String.class,
                tenantId));
    }

    private static boolean isOwn(String host, Set<String> ownDomains) {
        return ownDomains.stream().anyMatch(own -> host.equals(own) || host.endsWith("." + own));
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            if (host == null) {
                return "";
            }
            return host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
