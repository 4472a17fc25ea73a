package io.palisade.detection.analysis.prefilter;

import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.analysis.Findings;
import io.palisade.detection.analysis.auth.AuthenticationAnalyzer;
import io.palisade.detection.analysis.url.Url;
import io.palisade.detection.analysis.url.Urls;
import io.palisade.detection.api.IndicatorKey;
import io.palisade.detection.api.ScanContext;
import io.palisade.detection.api.ScanContext.Indicator;
import io.palisade.detection.api.ScanContext.IndicatorKind;
import io.palisade.detection.model.Address;
import io.palisade.detection.model.Attachment;
import io.palisade.detection.model.ParsedMessage;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Layer 1: the tenant's allow and block lists and threat-intelligence indicators. Block lists are checked for the
 * sender (address and domain), the Reply-To addresses and every link (URL, host and registrable domain).
 * Indicators are looked up by the keys {@link IndicatorKeys} defines (sender and Reply-To addresses and their
 * domains with parent domains, the sending IP, every link with its host, every attachment's SHA-256); each key is
 * noted in the findings ({@link Findings#carries}) so the caller can index the message by the same keys. Lookups
 * go to the {@link ScanContext}, which answers from memory.
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

    @Override
    public String name() {
        return "prefilter";
    }

    @Override
    public void analyze(ParsedMessage message, ScanContext context, Findings findings) {
        checkSender(message, context, findings);
        message.replyTo().forEach(replyTo -> lookupEach(IndicatorKeys.ofAddress(replyTo), context, findings));
        IndicatorKeys.sendingIp(message, context.trustedAuthservIds())
                .ifPresent(ip -> lookupEach(List.of(ip), context, findings));
        IndicatorKeys.urls(message).forEach(url -> checkUrl(url, context, findings));
        for (Attachment attachment : message.attachments()) {
            checkFileHash(attachment.sha256(), attachment.name(), context, findings);
        }
    }

    /**
     * Looks up one URL (already unwrapped) in the block list and the indicators: by URL, and by its host (an IP, or
     * the host name and its parent domains). The attachment layer calls this for links in PDFs and QR codes.
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
        lookupEach(IndicatorKeys.ofUrl(url), context, findings);
    }

    /** Looks up a file's SHA-256 in the indicators. */
    public void checkFileHash(String sha256, String fileName, ScanContext context, Findings findings) {
        Optional<IndicatorKey> key = IndicatorKeys.ofFile(sha256);
        if (key.isEmpty()) {
            return;
        }
        findings.carries(key.get());
        context.indicators()
                .find(IndicatorKind.SHA256, key.get().value())
                .ifPresent(
                        indicator -> report(indicator, fileName.isEmpty() ? "an attached file" : fileName, findings));
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
        lookupEach(IndicatorKeys.ofAddress(from), context, findings);
    }

    private static boolean isAllowListed(Address from, ScanContext context) {
        return context.allowList().containsAddress(from.address())
                || context.allowList().containsDomain(from.domain());
    }

    /**
     * Notes every key and looks each up; of one address's or one link's keys, at most one match per kind is
     * reported (the most specific domain that matches), so a domain and its parent both listed count once.
     */
    private static void lookupEach(List<IndicatorKey> keys, ScanContext context, Findings findings) {
        Set<IndicatorKind> matched = EnumSet.noneOf(IndicatorKind.class);
        for (IndicatorKey key : keys) {
            findings.carries(key);
            if (matched.contains(key.kind())) {
                continue;
            }
            Optional<Indicator> match = context.indicators().find(key.kind(), key.value());
            if (match.isPresent()) {
                report(match.get(), key.value(), findings);
                matched.add(key.kind());
            }
        }
    }

    private static void report(Indicator indicator, String detail, Findings findings) {
        findings.add(indicator.confidence() >= HIGH_CONFIDENCE ? THREAT_INTEL_MATCH : THREAT_INTEL_WEAK_MATCH, detail);
    }
}
