package io.palisade.detection.analysis.sender;

import io.palisade.detection.analysis.KnownBrands;
import io.palisade.detection.analysis.ResourceLists;
import io.palisade.detection.analysis.url.Urls;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds domains that imitate another: look-alike characters (Unicode confusables, punycode, digit swaps), typing
 * slips (Damerau-Levenshtein distance), added words ({@code contoso-secure}, {@code paypalsupport}) and, for the
 * tenant's own domains, the same name under another ending. Targets are the tenant's domains (given per call) and
 * well-known brands: the curated phishing brand list, high-trust senders and the most popular Tranco domains.
 * Thread-safe; the lists load once.
 */
public final class LookalikeDomains {
    /** How a domain imitates its target. */
    public enum Kind {
        /** Look-alike characters: confusable letters from another script, or digits for letters. */
        HOMOGRAPH,
        /** One or two typing slips away (letters added, dropped, changed or swapped). */
        TYPO,
        /** The target's name with a word such as {@code secure} or {@code login} added. */
        ADDED_WORD,
        /** The same name under another ending ({@code contoso.co} for {@code contoso.com}). */
        OTHER_ENDING
    }

    /**
     * A domain found to imitate another.
     *
     * @param imitated the registrable domain imitated, never null
     * @param kind how, never null
     */
    public record Match(String imitated, Kind kind) {}

    /** Popular names this short are too close to ordinary words to compare by edit distance. */
    static final int MIN_TYPO_LABEL = 6;

    /** Shorter names are too often part of ordinary words to count as a brand with a word added. */
    static final int MIN_ADDED_WORD_TARGET = 4;

    static final int POPULAR_TARGETS = 1000;

    private static final Set<String> ADDED_WORDS = Set.of(
            "secure",
            "security",
            "login",
            "logon",
            "signin",
            "support",
            "help",
            "helpdesk",
            "verify",
            "verification",
            "account",
            "accounts",
            "update",
            "service",
            "services",
            "team",
            "billing",
            "invoice",
            "invoices",
            "payment",
            "payments",
            "pay",
            "portal",
            "online",
            "mail",
            "email",
            "office",
            "docs",
            "hr",
            "it",
            "admin",
            "auth",
            "sso",
            "web",
            "app",
            "id",
            "my",
            "customer",
            "care",
            "alert",
            "alerts",
            "notice",
            "confirm",
            "recovery",
            "reset",
            "official",
            "group",
            "corp",
            "inc",
            "global",
            "intl",
            "us",
            "usa",
            "cloud");

    private static final Set<String> ADDED_WORD_SKELETONS =
            ADDED_WORDS.stream().map(Confusables::skeleton).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Names shorter than this on the high-trust list are too often ordinary words ({@code shop}, {@code chase}). */
    static final int MIN_HIGH_TRUST_FUZZY_LABEL = 6;

    private static final Set<String> LEGITIMATE = loadLegitimate();
    private static final BrandIndex BRANDS = new BrandIndex(loadBrandTargets());

    private LookalikeDomains() {}

    /**
     * Which of the tenant's own domains a domain imitates.
     *
     * @param domain the domain to judge, lower case (ASCII or Unicode), never null
     * @param ownDomains the tenant's domains, never null
     * @return the imitated domain and how, or empty
     */
    public static Optional<Match> imitatedOwnDomain(String domain, Collection<String> ownDomains) {
        String site = Urls.siteOf(domain);
        if (site.isEmpty() || ownDomains.contains(domain) || ownDomains.contains(site)) {
            return Optional.empty();
        }
        Candidate candidate = new Candidate(site);
        for (String own : ownDomains) {
            Optional<Match> match = candidate.imitates(new Target(Urls.siteOf(own), MIN_ADDED_WORD_TARGET), true);
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }

    /**
     * Which well-known brand's domain a domain imitates. Popular and high-trust domains themselves never match.
     *
     * @param domain the domain to judge, lower case, never null
     * @return the imitated domain and how, or empty
     */
    public static Optional<Match> imitatedBrand(String domain) {
        String site = Urls.siteOf(domain);
        if (site.isEmpty() || LEGITIMATE.contains(site)) {
            return Optional.empty();
        }
        return BRANDS.match(new Candidate(site));
    }

    /** Whether a registrable domain is a popular or high-trust one, which is not judged as a look-alike. */
    public static boolean isWellKnown(String site) {
        return LEGITIMATE.contains(site);
    }

    /**
     * A domain to protect. Every target is compared by look-alike characters; targets whose name is at least
     * {@code minFuzzyLength} long also by added words and (from {@link #MIN_TYPO_LABEL}) by edit distance.
     */
    private record Target(String site, String label, String skeleton, int minFuzzyLength) {
        Target(String site, int minFuzzyLength) {
            this(site, firstLabel(site), Confusables.skeleton(firstLabel(site)), minFuzzyLength);
        }

        boolean fuzzy() {
            return label.length() >= minFuzzyLength;
        }
    }

    private record Candidate(String site, String unicodeLabel, String asciiLabel, String skeleton) {
        Candidate(String site) {
            this(
                    site,
                    Urls.toUnicode(firstLabel(site)),
                    firstLabel(site),
                    Confusables.skeleton(Urls.toUnicode(firstLabel(site))));
        }

        Optional<Match> imitates(Target target, boolean ownDomain) {
            if (target.label().isEmpty() || site.equals(target.site())) {
                return Optional.empty();
            }
            String imitated = target.site();
            if (asciiLabel.equals(target.label())) {
                return ownDomain ? Optional.of(new Match(imitated, Kind.OTHER_ENDING)) : Optional.empty();
            }
            if (skeleton.equals(target.skeleton())) {
                return Optional.of(new Match(imitated, Kind.HOMOGRAPH));
            }
            if (!target.fuzzy()) {
                return Optional.empty();
            }
            if (hasAddedWord(asciiLabel, target.label(), ADDED_WORDS)
                    || hasAddedWord(skeleton, target.skeleton(), ADDED_WORD_SKELETONS)) {
                return Optional.of(new Match(imitated, Kind.ADDED_WORD));
            }
            int length = target.label().length();
            int limit = length >= 10 ? 2 : 1;
            if (length >= MIN_TYPO_LABEL && EditDistance.between(skeleton, target.skeleton(), limit) <= limit) {
                return Optional.of(new Match(imitated, Kind.TYPO));
            }
            return Optional.empty();
        }

        private static boolean hasAddedWord(String label, String target, Set<String> words) {
            if (target.length() < MIN_ADDED_WORD_TARGET || words.contains(target) || !label.contains(target)) {
                return false;
            }
            List<String> parts = List.of(label.split("-"));
            if (parts.size() > 1 && parts.contains(target)) {
                return true;
            }
            String rest = label.startsWith(target)
                    ? label.substring(target.length())
                    : label.endsWith(target) ? label.substring(0, label.length() - target.length()) : "";
            return words.contains(rest);
        }
    }

    /**
     * The brand targets indexed so that a domain is judged in a few map lookups: by skeleton for look-alike
     * characters, by name for added words, and by name length for typos (only names within two letters are
     * compared by edit distance).
     */
    private static final class BrandIndex {
        private final Map<String, Target> bySkeleton = new HashMap<>();
        private final Map<String, Target> fuzzyByLabel = new HashMap<>();
        private final Map<String, Target> fuzzyBySkeleton = new HashMap<>();
        private final Map<Integer, List<Target>> fuzzyByLength = new HashMap<>();

        BrandIndex(List<Target> targets) {
            for (Target target : targets) {
                bySkeleton.putIfAbsent(target.skeleton(), target);
                boolean wordLike =
                        ADDED_WORDS.contains(target.label()) || target.label().length() < MIN_ADDED_WORD_TARGET;
                if (target.fuzzy() && !wordLike) {
                    fuzzyByLabel.putIfAbsent(target.label(), target);
                    fuzzyBySkeleton.putIfAbsent(target.skeleton(), target);
                }
                if (target.fuzzy() && target.label().length() >= MIN_TYPO_LABEL) {
                    fuzzyByLength
                            .computeIfAbsent(target.skeleton().length(), n -> new ArrayList<>())
                            .add(target);
                }
            }
        }

        Optional<Match> match(Candidate candidate) {
            Target lookalike = bySkeleton.get(candidate.skeleton());
            if (lookalike != null) {
                boolean sameName = lookalike.label().equals(candidate.asciiLabel());
                return sameName ? Optional.empty() : Optional.of(new Match(lookalike.site(), Kind.HOMOGRAPH));
            }
            Optional<Target> added = withAddedWord(candidate.asciiLabel(), fuzzyByLabel, ADDED_WORDS)
                    .or(() -> withAddedWord(candidate.skeleton(), fuzzyBySkeleton, ADDED_WORD_SKELETONS));
            if (added.isPresent()) {
                return Optional.of(new Match(added.get().site(), Kind.ADDED_WORD));
            }
            return typo(candidate.skeleton()).map(target -> new Match(target.site(), Kind.TYPO));
        }

        private static Optional<Target> withAddedWord(String label, Map<String, Target> targets, Set<String> words) {
            String[] parts = label.split("-");
            if (parts.length > 1) {
                for (String part : parts) {
                    Target target = targets.get(part);
                    if (target != null) {
                        return Optional.of(target);
                    }
                }
            }
            for (String word : words) {
                if (label.length() > word.length() && label.startsWith(word)) {
                    Target target = targets.get(label.substring(word.length()));
                    if (target != null) {
                        return Optional.of(target);
                    }
                }
                if (label.length() > word.length() && label.endsWith(word)) {
                    Target target = targets.get(label.substring(0, label.length() - word.length()));
                    if (target != null) {
                        return Optional.of(target);
                    }
                }
            }
            return Optional.empty();
        }

        private Optional<Target> typo(String skeleton) {
            for (int length = skeleton.length() - 2; length <= skeleton.length() + 2; length++) {
                for (Target target : fuzzyByLength.getOrDefault(length, List.of())) {
                    int limit = target.label().length() >= 10 ? 2 : 1;
                    if (EditDistance.between(skeleton, target.skeleton(), limit) <= limit) {
                        return Optional.of(target);
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static String firstLabel(String site) {
        int dot = site.indexOf('.');
        return dot < 0 ? site : site.substring(0, dot);
    }

    private static Set<String> loadLegitimate() {
        Set<String> sites = new HashSet<>(ResourceLists.set("lists/high_trust_sender_root_domains.txt"));
        popularSites(Integer.MAX_VALUE).forEach(sites::add);
        KnownBrands.all().values().forEach(sites::addAll);
        sites.addAll(ResourceLists.lines("lists/freemail_domains.txt"));
        return Set.copyOf(sites);
    }

    /**
     * Curated brands are compared in every way; high-trust senders by added words and typos only when their
     * name has six letters or more ({@code shop.app} would catch every {@code shop-} domain). Popular Tranco
     * domains only by look-alike characters: many are ordinary words ({@code cursor}, {@code plaid}) that
     * honest domains sit one letter away from.
     */
    private static List<Target> loadBrandTargets() {
        Set<String> curated = new LinkedHashSet<>();
        KnownBrands.all().values().forEach(curated::addAll);
        Set<String> highTrust = new LinkedHashSet<>(ResourceLists.lines("lists/high_trust_sender_root_domains.txt"));
        highTrust.removeAll(curated);
        List<Target> targets = new ArrayList<>();
        curated.forEach(site -> targets.add(new Target(site, MIN_ADDED_WORD_TARGET)));
        highTrust.forEach(site -> targets.add(new Target(site, MIN_HIGH_TRUST_FUZZY_LABEL)));
        popularSites(POPULAR_TARGETS).stream()
                .filter(site -> !curated.contains(site) && !highTrust.contains(site))
                .filter(site -> firstLabel(site).length() >= MIN_TYPO_LABEL)
                .forEach(site -> targets.add(new Target(site, Integer.MAX_VALUE)));
        return List.copyOf(targets);
    }

    private static List<String> popularSites(int limit) {
        List<String> sites = new ArrayList<>();
        for (String line : ResourceLists.lines("lists/tranco-top2000.csv")) {
            if (sites.size() >= limit) {
                break;
            }
            int comma = line.indexOf(',');
            String site = Urls.siteOf(line.substring(comma + 1));
            if (!site.isEmpty()) {
                sites.add(site);
            }
        }
        return sites;
    }
}
