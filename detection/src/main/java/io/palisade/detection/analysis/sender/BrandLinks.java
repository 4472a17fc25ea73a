package io.palisade.detection.analysis.sender;

import io.palisade.detection.analysis.KnownBrands;
import io.palisade.detection.analysis.auth.AuthenticationResults;
import io.palisade.detection.analysis.tracker.TrackerHosts;
import io.palisade.detection.analysis.url.Url;
import io.palisade.detection.analysis.url.Urls;
import io.palisade.detection.api.ScanContext;
import io.palisade.detection.model.Link;
import io.palisade.detection.model.ParsedMessage;
import java.util.Map;
import java.util.Optional;

/**
 * A message that presents itself as a well-known brand, by its display name or its From domain, while a link in it
 * leads to a site the brand does not own: the shape of brand phishing, where the sender's name or a forged address
 * earns trust and the link collects the credentials. A From domain proves nothing until authentication confirms
 * it, so a brand domain in From counts as a claim (a free-mail domain does not); a DMARC pass from a trusted
 * receiver for that domain clears it.
 */
final class BrandLinks {
    /** Links looked at per message; the first foreign one decides. */
    static final int MAX_LINKS = 200;

    private BrandLinks() {}

    /**
     * The claimed brand and the first foreign host, as {@code "paypal but links to evil.example"}, or empty.
     *
     * @param message the message
     * @param normalizedName the From display name as {@link DisplayNames#normalize} gives it
     * @param brandsBySkeleton brand words by their confusables skeleton
     * @param context the tenant, for the trusted authentication results
     */
    static Optional<String> foreignLink(
            ParsedMessage message, String normalizedName, Map<String, String> brandsBySkeleton, ScanContext context) {
        String site = Urls.siteOf(message.from().domain());
        Optional<String> brand = claimedBrand(normalizedName, site, brandsBySkeleton);
        if (brand.isEmpty() || (KnownBrands.ownsDomain(brand.get(), site) && dmarcPassed(message, context))) {
            return Optional.empty();
        }
        int seen = 0;
        for (Link link : message.links()) {
            if (link.source() == Link.Source.HTML_IMAGE || seen++ >= MAX_LINKS) {
                continue;
            }
            Optional<Url> target = Urls.parse(Urls.unwrap(link.url())).filter(Url::isWeb);
            if (target.isEmpty() || TrackerHosts.contains(target.get().host())) {
                continue;
            }
            String targetSite = Urls.siteOf(target.get().host());
            if (!KnownBrands.ownsDomain(brand.get(), targetSite)) {
                return Optional.of(brand.get() + " but links to " + target.get().host());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> claimedBrand(
            String normalizedName, String site, Map<String, String> brandsBySkeleton) {
        for (String word : normalizedName.split(" ")) {
            String brand = brandsBySkeleton.get(word);
            if (brand != null) {
                return Optional.of(brand);
            }
        }
        // An address at a free-mail provider claims a mailbox there, not the provider's brand: every Gmail or
        // Outlook.com user who sends a link would otherwise look like a brand impersonator.
        if (FreemailDomains.contains(site)) {
            return Optional.empty();
        }
        return KnownBrands.all().keySet().stream()
                .filter(b -> KnownBrands.ownsDomain(b, site))
                .findFirst();
    }

    private static boolean dmarcPassed(ParsedMessage message, ScanContext context) {
        return AuthenticationResults.trusted(message, context.trustedAuthservIds()).stream()
                .flatMap(results -> results.resultsFor("dmarc").stream())
                .anyMatch(result -> result.result().equals("pass"));
    }
}
