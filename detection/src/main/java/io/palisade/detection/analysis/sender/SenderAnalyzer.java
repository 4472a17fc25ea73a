package io.palisade.detection.analysis.sender;

import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.analysis.Findings;
import io.palisade.detection.analysis.KnownBrands;
import io.palisade.detection.analysis.ResourceLists;
import io.palisade.detection.analysis.url.Urls;
import io.palisade.detection.api.ScanContext;
import io.palisade.detection.model.Address;
import io.palisade.detection.model.ParsedMessage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Layer 3: who the message claims to come from. An outside address using the name of a VIP, of someone in the
 * tenant or of the tenant's brand; a display name that shows another address; domains that imitate the tenant's
 * own or a well-known brand's; a brand's name or domain on mail whose links lead elsewhere; free-mail senders posing
 * as a company; and first contact.
 */
public final class SenderAnalyzer implements Analyzer {
    public static final String VIP_IMPERSONATION = "VIP_IMPERSONATION";
    public static final String INSIDER_IMPERSONATION = "INSIDER_IMPERSONATION";
    public static final String TENANT_BRAND_IMPERSONATION = "TENANT_BRAND_IMPERSONATION";
    public static final String KNOWN_BRAND_DISPLAY_NAME = "KNOWN_BRAND_DISPLAY_NAME";
    public static final String DISPLAY_NAME_ADDRESS_MISMATCH = "DISPLAY_NAME_ADDRESS_MISMATCH";
    public static final String LOOKALIKE_OWN_DOMAIN = "LOOKALIKE_OWN_DOMAIN";
    public static final String LOOKALIKE_BRAND_DOMAIN = "LOOKALIKE_BRAND_DOMAIN";
    public static final String HOMOGRAPH_DOMAIN = "HOMOGRAPH_DOMAIN";
    public static final String FREEMAIL_COMPANY_CLAIM = "FREEMAIL_COMPANY_CLAIM";
    public static final String FIRST_CONTACT = "FIRST_CONTACT";
    public static final String BRAND_CLAIM_FOREIGN_LINK = "BRAND_CLAIM_FOREIGN_LINK";

    private static final Pattern COMPANY_WORDS = Pattern.compile(
            "\\b(inc|ltd|llc|gmbh|corp|corporation|company|plc|bank|billing|payroll|accounts? (payable|receivable)"
                    + "|helpdesk|help desk|it support|customer service|support team|security team|hr department"
                    + "|human resources|finance department|administrator)\\b");

    /** Brand words by their confusables skeleton, so that "Мicrosoft" in a display name is found as "microsoft". */
    private static final Map<String, String> BRANDS_BY_SKELETON = KnownBrands.all().keySet().stream()
            .collect(Collectors.toUnmodifiableMap(Confusables::skeleton, brand -> brand, (a, b) -> a));

    @Override
    public String name() {
        return "sender";
    }

    @Override
    public void analyze(ParsedMessage message, ScanContext context, Findings findings) {
        Address from = message.from();
        String domain = from.domain();
        if (domain.isEmpty() || isOwn(domain, context.ownDomains())) {
            return;
        }
        String normalizedName = DisplayNames.normalize(from.displayName());
        checkDisplayName(from, normalizedName, context, findings);
        checkDomains(message, context, findings);
        BrandLinks.foreignLink(message, normalizedName, BRANDS_BY_SKELETON, context)
                .ifPresent(detail -> findings.add(BRAND_CLAIM_FOREIGN_LINK, detail));
        if (FreemailDomains.contains(domain) && claimsCompany(from.displayName(), normalizedName, context)) {
            findings.add(FREEMAIL_COMPANY_CLAIM, domain);
        }
        if (context.senderHistory().messagesFromSender(from.address()) == 0) {
            findings.add(FIRST_CONTACT, domain);
        }
    }

    private static void checkDisplayName(Address from, String normalizedName, ScanContext context, Findings findings) {
        String display = from.displayName();
        Optional<String> vip = context.vipNames().stream()
                .filter(name -> DisplayNames.containsName(normalizedName, DisplayNames.normalize(name)))
                .findFirst();
        if (vip.isPresent()) {
            findings.add(VIP_IMPERSONATION, vip.get());
        } else if (!display.isBlank()) {
            DisplayNames.directoryForms(display).stream()
                    .filter(context.internalDisplayNames()::contains)
                    .findFirst()
                    .ifPresent(name -> findings.add(INSIDER_IMPERSONATION, name));
        }
        context.brandNames().stream()
                .filter(brand -> DisplayNames.containsName(normalizedName, DisplayNames.normalize(brand)))
                .findFirst()
                .ifPresent(brand -> findings.add(TENANT_BRAND_IMPERSONATION, brand));
        String site = Urls.siteOf(from.domain());
        for (String word : normalizedName.split(" ")) {
            String brand = BRANDS_BY_SKELETON.get(word);
            if (brand != null && !KnownBrands.ownsDomain(brand, site)) {
                findings.add(KNOWN_BRAND_DISPLAY_NAME, brand);
                break;
            }
        }
        DisplayNames.embeddedAddressDomains(display).stream()
                .filter(shown -> !Urls.siteOf(shown).equals(site))
                .findFirst()
                .ifPresent(shown -> findings.add(DISPLAY_NAME_ADDRESS_MISMATCH, shown));
    }

    private static void checkDomains(ParsedMessage message, ScanContext context, Findings findings) {
        String domain = message.from().domain();
        Optional<LookalikeDomains.Match> own = LookalikeDomains.imitatedOwnDomain(domain, context.ownDomains());
        if (own.isEmpty()) {
            own = message.replyTo().stream()
                    .map(Address::domain)
                    .filter(d -> !d.isEmpty() && !isOwn(d, context.ownDomains()))
                    .map(d -> LookalikeDomains.imitatedOwnDomain(d, context.ownDomains()))
                    .flatMap(Optional::stream)
                    .findFirst();
        }
        if (own.isPresent()) {
            report(own.get(), LOOKALIKE_OWN_DOMAIN, findings);
            return;
        }
        LookalikeDomains.imitatedBrand(domain).ifPresent(match -> report(match, LOOKALIKE_BRAND_DOMAIN, findings));
    }

    private static void report(LookalikeDomains.Match match, String lookalikeSignal, Findings findings) {
        findings.add(
                match.kind() == LookalikeDomains.Kind.HOMOGRAPH ? HOMOGRAPH_DOMAIN : lookalikeSignal, match.imitated());
    }

    private static boolean claimsCompany(String display, String normalizedName, ScanContext context) {
        String lower = display.toLowerCase(Locale.ROOT);
        if (COMPANY_WORDS.matcher(lower).find()) {
            return true;
        }
        List<String> words = List.of(normalizedName.split(" "));
        return words.stream().anyMatch(BRANDS_BY_SKELETON::containsKey)
                || context.brandNames().stream()
                        .anyMatch(brand -> DisplayNames.containsName(normalizedName, DisplayNames.normalize(brand)));
    }

    private static boolean isOwn(String domain, Set<String> ownDomains) {
        return ResourceLists.matchesDomainOrParent(domain, ownDomains);
    }
}
