package io.palisade.detection.analysis.prefilter;

import io.palisade.detection.analysis.auth.SendingIp;
import io.palisade.detection.analysis.url.Url;
import io.palisade.detection.analysis.url.Urls;
import io.palisade.detection.api.IndicatorKey;
import io.palisade.detection.api.ScanContext.IndicatorKind;
import io.palisade.detection.model.Address;
import io.palisade.detection.model.Attachment;
import io.palisade.detection.model.Link;
import io.palisade.detection.model.ParsedMessage;
import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one definition of what a message is looked up by in the threat-intelligence indicators. The prefilter looks
 * new mail up by these keys, and the caller stores the same keys, so an indicator added later finds stored mail
 * exactly where it would have matched the mail on arrival.
 *
 * <ul>
 *   <li>the From address and every Reply-To address ({@code SENDER}), and each one's domain with every parent
 *       domain down to its registrable domain ({@code DOMAIN}: {@code mail.billing.example.co.uk} gives itself,
 *       {@code billing.example.co.uk} and {@code example.co.uk}, never {@code co.uk});
 *   <li>the sending IP, when the platform's trusted Authentication-Results header names it ({@code IP});
 *   <li>every link, unwrapped from mail-security rewriters ({@code URL}), and its host: an IP host as {@code IP},
 *       a name with its parent domains as above ({@code DOMAIN}); the attachment layer adds the links of PDFs and
 *       QR codes through {@link #ofUrl};
 *   <li>every attachment's SHA-256, and those of the files inside archives ({@code SHA256}).
 * </ul>
 */
public final class IndicatorKeys {

    /** Bounds the links looked up per message; a message with more distinct links is cut at this many. */
    public static final int MAX_URLS = 500;

    private IndicatorKeys() {}

    /** Every key of the message's own headers, body links and attachments, without duplicates. */
    public static List<IndicatorKey> of(ParsedMessage message, Set<String> trustedAuthservIds) {
        Set<IndicatorKey> keys = new LinkedHashSet<>(ofAddress(message.from()));
        message.replyTo().forEach(replyTo -> keys.addAll(ofAddress(replyTo)));
        sendingIp(message, trustedAuthservIds).ifPresent(keys::add);
        urls(message).forEach(url -> keys.addAll(ofUrl(url)));
        for (Attachment attachment : message.attachments()) {
            ofFile(attachment.sha256()).ifPresent(keys::add);
        }
        return List.copyOf(keys);
    }

    /** The distinct links of the message body, unwrapped, at most {@link #MAX_URLS}. */
    public static List<String> urls(ParsedMessage message) {
        Set<String> urls = new LinkedHashSet<>();
        for (Link link : message.links()) {
            if (urls.size() >= MAX_URLS) {
                break;
            }
            urls.add(Urls.unwrap(link.url()));
        }
        return List.copyOf(urls);
    }

    /** An address ({@code SENDER}) and its domain with its parent domains ({@code DOMAIN}); empty when blank. */
    public static List<IndicatorKey> ofAddress(Address address) {
        if (address.address().isEmpty()) {
            return List.of();
        }
        List<IndicatorKey> keys = new ArrayList<>();
        keys.add(new IndicatorKey(IndicatorKind.SENDER, address.address()));
        domainAndParents(address.domain()).forEach(d -> keys.add(new IndicatorKey(IndicatorKind.DOMAIN, d)));
        return keys;
    }

    /**
     * A link ({@code URL}, normalised) and its host: {@code IP} for an IP host, else the host with its parent
     * domains ({@code DOMAIN}). Empty when the text is not a URL with a host.
     */
    public static List<IndicatorKey> ofUrl(String url) {
        Optional<Url> parsed = Urls.parse(url);
        if (parsed.isEmpty()) {
            return List.of();
        }
        List<IndicatorKey> keys = new ArrayList<>();
        keys.add(new IndicatorKey(IndicatorKind.URL, parsed.get().toString()));
        String host = parsed.get().host();
        if (Urls.isIpHost(host)) {
            SendingIp.canonical(host).ifPresent(ip -> keys.add(new IndicatorKey(IndicatorKind.IP, ip)));
        } else {
            domainAndParents(host).forEach(d -> keys.add(new IndicatorKey(IndicatorKind.DOMAIN, d)));
        }
        return keys;
    }

    /** A file's SHA-256 ({@code SHA256}, lower case); empty when blank. */
    public static Optional<IndicatorKey> ofFile(String sha256) {
        if (sha256 == null || sha256.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new IndicatorKey(IndicatorKind.SHA256, sha256.strip().toLowerCase(Locale.ROOT)));
    }

    /** The sending IP ({@code IP}) as the platform's trusted Authentication-Results header names it, or empty. */
    public static Optional<IndicatorKey> sendingIp(ParsedMessage message, Set<String> trustedAuthservIds) {
        return SendingIp.of(message, trustedAuthservIds).map(ip -> new IndicatorKey(IndicatorKind.IP, ip));
    }

    /**
     * A domain (lower case, in its ASCII form) and each parent domain down to its registrable domain, most specific
     * first. A name with no registrable domain (an intranet name, a bare public suffix) gives only itself; an
     * empty one gives nothing.
     */
    public static List<String> domainAndParents(String domain) {
        String name = ascii(domain);
        if (name.isEmpty()) {
            return List.of();
        }
        Optional<String> site = Urls.registrableDomain(name);
        if (site.isEmpty() || !name.endsWith("." + site.get())) {
            return List.of(name);
        }
        List<String> chain = new ArrayList<>();
        String current = name;
        while (!current.equals(site.get())) {
            chain.add(current);
            current = current.substring(current.indexOf('.') + 1);
        }
        chain.add(site.get());
        return chain;
    }

    private static String ascii(String domain) {
        String lower = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        try {
            return IDN.toASCII(lower, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return lower;
        }
    }
}
