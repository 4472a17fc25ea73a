package io.palisade.detection.analysis.prefilter;

import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.analysis.Findings;
import io.palisade.detection.analysis.auth.AuthenticationAnalyzer;
import io.palisade.detection.analysis.url.Url;
import io.palisade.detection.analysis.url.Urls;
import io.palisade.detection.api.ScanContext;
import io.palisade.detection.api.ScanContext.Indicator;
import io.palisade.detection.api.ScanContext.IndicatorKind;
import io.palisade.detection.model.Address;
import io.palisade.detection.model.Attachment;
import io.palisade.detection.model.Link;
import io.palisade.detection.model.ParsedMessage;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Layer 1: the tenant's allow and block lists and threat-intelligence indicators, looked up for the sender
 * (address and domain), the Reply-To addresses, every link (unwrapped, by URL, host and registrable domain, and by
 * IP for IP hosts) and every attachment's SHA-256. Lookups go to the {@link ScanContext}, which answers from
 * memory.
 *
 * <p>The allow list counts only when DMARC passed for the From domain by a trusted authserv-id: a From address is
 * trivial to forge, so an unauthenticated allow-listed sender is not reported as allowed.
 */
public final class PrefilterAnalyzer implements Analyzer {
    public static final String ALLOWLISTED_SENDER = "ALLOWLISTED_SENDER";
    public static final String BLOCKLISTED_SENDER = "BLOCKLISTED_SENDER";
    public static final String BLOCKLISTED_URL = "BLOCKLISTED_URL";
    public static final String THREAT_INTEL_MATCH = "THREAT_INTEL_MATCH";
    public static final String THREAT_INTEL_WEAK_MATCH = "THREAT_INTEL_WEAK_MATCH";

    /** Indicators at or above this confidence force a level; below it they only add weight. */
    static final int HIGH_CONFIDENCE = 80;

    /** Bounds the lookups per message; a message with more distinct links is cut at this many. */
    static final int MAX_URLS = 500;

    @Override
    public String name() {
        return "prefilter";
    }

    @Override
    public void analyze(ParsedMessage message, ScanContext context, Findings findings) {
        checkSender(message, context, findings);
        Set<String> urls = new LinkedHashSet<>();
        for (Link link : message.links()) {
            if (urls.size() >= MAX_URLS) {
                break;
            }
            urls.add(Urls.unwrap(link.url()));
        }
        urls.forEach(url -> checkUrl(url, context, findings));
        for (Attachment attachment : message.attachments()) {
            checkFileHash(attachment.sha256(), attachment.name(), context, findings);
        }
    }

    /**
     * Looks up one URL (already unwrapped) in the block list and the indicators: by URL, host, registrable domain,
     * and IP. The attachment layer calls this for URLs decoded from QR codes.
     */
    public void checkUrl(String url, ScanContext context, Findings findings) {
        Optional<Url> parsed = Urls.parse(url);
        if (parsed.isEmpty()) {
            return;
        }
        String normalized = parsed.get().toString();
        String host = parsed.get().host();
        Optional<String> site = Urls.registrableDomain(host);
        boolean blocked = context.blockList().containsUrl(normalized)
                || context.blockList().containsDomain(host)
                || site.filter(context.blockList()::containsDomain).isPresent();
        if (blocked) {
            findings.add(BLOCKLISTED_URL, host);
        }
        lookup(context, IndicatorKind.URL, normalized, findings);
        if (Urls.isIpHost(host)) {
            lookup(context, IndicatorKind.IP, host.replace("[", "").replace("]", ""), findings);
            return;
        }
        if (!lookup(context, IndicatorKind.DOMAIN, host, findings)) {
            site.filter(s -> !s.equals(host)).ifPresent(s -> lookup(context, IndicatorKind.DOMAIN, s, findings));
        }
    }

    /** Looks up a file's SHA-256 in the indicators. */
    public void checkFileHash(String sha256, String fileName, ScanContext context, Findings findings) {
        if (!sha256.isEmpty()) {
            context.indicators()
                    .find(IndicatorKind.SHA256, sha256)
                    .ifPresent(indicator ->
                            report(indicator, fileName.isEmpty() ? "an attached file" : fileName, findings));
        }
    }

    private void checkSender(ParsedMessage message, ScanContext context, Findings findings) {
        Address from = message.from();
        String domain = from.domain();
        if (from.address().isEmpty()) {
            return;
        }
        ScanContext.ListLookup block = context.blockList();
        boolean replyToBlocked = message.replyTo().stream()
                .anyMatch(r -> block.containsAddress(r.address()) || block.containsDomain(r.domain()));
        if (block.containsAddress(from.address()) || block.containsDomain(domain) || replyToBlocked) {
            findings.add(BLOCKLISTED_SENDER, domain);
        } else if (isAllowListed(from, context) && AuthenticationAnalyzer.dmarcPassed(message, context)) {
            findings.add(ALLOWLISTED_SENDER, domain);
        }
        lookup(context, IndicatorKind.SENDER, from.address(), findings);
        if (!lookup(context, IndicatorKind.DOMAIN, domain, findings)) {
            Urls.registrableDomain(domain)
                    .filter(site -> !site.equals(domain))
                    .ifPresent(site -> lookup(context, IndicatorKind.DOMAIN, site, findings));
        }
    }

    private static boolean isAllowListed(Address from, ScanContext context) {
        return context.allowList().containsAddress(from.address())
                || context.allowList().containsDomain(from.domain());
    }

    private static boolean lookup(ScanContext context, IndicatorKind kind, String value, Findings findings) {
        Optional<Indicator> match = context.indicators().find(kind, value);
        match.ifPresent(indicator -> report(indicator, value, findings));
        return match.isPresent();
    }

    private static void report(Indicator indicator, String detail, Findings findings) {
        findings.add(indicator.confidence() >= HIGH_CONFIDENCE ? THREAT_INTEL_MATCH : THREAT_INTEL_WEAK_MATCH, detail);
    }
}
