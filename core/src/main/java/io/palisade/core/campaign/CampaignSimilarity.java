package io.palisade.core.campaign;

import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.RawMessageStore;
import io.palisade.detection.model.ParsedMessage;
import io.palisade.detection.parse.Deadline;
import io.palisade.detection.parse.MessageParser;
import io.palisade.detection.parse.ParseLimits;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What makes two messages alike for a campaign, shared by forming a campaign ({@link CampaignService}) and by mail
 * that arrives after it ({@link CampaignArrivals}): the text fingerprint, the sending domain and the tenant's own
 * domains (whose URLs never tie messages together).
 */
@Component
class CampaignSimilarity {

    /** Fingerprints this close (of 64 bits) count as near-duplicates. */
    static final int MAX_DISTANCE = 6;

    private final JdbcTemplate jdbc;
    private final RawMessageStore rawMessages;
    private final MessageParser parser = new MessageParser(ParseLimits.defaults());

    CampaignSimilarity(JdbcTemplate jdbc, RawMessageStore rawMessages) {
        this.jdbc = jdbc;
        this.rawMessages = rawMessages;
    }

    /** The fingerprint of a stored item's subject and body; empty when its raw message is gone. */
    Optional<Long> fingerprint(MailItem item) {
        return fingerprint(item.getTenantId(), item.getId());
    }

    /** The fingerprint of a stored item's subject and body; empty when its raw message is gone. */
    Optional<Long> fingerprint(UUID tenantId, UUID mailItemId) {
        return rawMessages
                .load(tenantId, mailItemId)
                .map(raw -> fingerprint(parser.parseMail(raw, Deadline.after(Duration.ofSeconds(2)))
                        .message()));
    }

    /** The fingerprint of a parsed message's subject and body. */
    static long fingerprint(ParsedMessage message) {
        return SimHash.of((message.subject() == null ? "" : message.subject()) + "\n" + message.textBody());
    }

    static boolean nearDuplicates(long a, long b) {
        return SimHash.distance(a, b) <= MAX_DISTANCE;
    }

    /** The lower-cased domain of a sender address; empty when it has none. */
    static Optional<String> senderDomain(String sender) {
        if (sender == null || !sender.contains("@")) {
            return Optional.empty();
        }
        return Optional.of(sender.substring(sender.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
    }

    /** The domains of the tenant's mailboxes. */
    Set<String> ownDomains(UUID tenantId) {
        return Set.copyOf(jdbc.queryForList(
                "SELECT DISTINCT lower(split_part(address, '@', 2)) FROM mailboxes WHERE tenant_id = ?",
                String.class,
                tenantId));
    }

    /** Whether the URL points to one of the tenant's own domains (or a subdomain): such URLs tie nothing. */
    static boolean isOwnUrl(String url, Set<String> ownDomains) {
        String host = host(url);
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
