package io.palisade.detection.analysis;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The brands that phishing imitates most, each with the registrable domains it really uses
 * ({@code lists/phishing_brands.txt}). Loaded once; thread-safe.
 */
public final class KnownBrands {
    private static final Map<String, Set<String>> DOMAINS_BY_BRAND = load();

    private KnownBrands() {}

    /** Whether a lower-case word is a brand name. */
    public static boolean isBrand(String word) {
        return DOMAINS_BY_BRAND.containsKey(word);
    }

    /** Whether a registrable domain is one the brand really uses. */
    public static boolean ownsDomain(String brand, String registrableDomain) {
        return DOMAINS_BY_BRAND.getOrDefault(brand, Set.of()).contains(registrableDomain);
    }

    /** Every brand's domains, by brand word, in the list's order. */
    public static Map<String, Set<String>> all() {
        return DOMAINS_BY_BRAND;
    }

    private static Map<String, Set<String>> load() {
        // File order, not Map.copyOf's per-run order: the same message must always name the same brand domain.
        Map<String, Set<String>> brands = new LinkedHashMap<>();
        for (String line : ResourceLists.lines("lists/phishing_brands.txt")) {
            String[] words = line.split("\\s+");
            if (words.length < 2) {
                throw new IllegalStateException("lists/phishing_brands.txt: a brand without domains: " + line);
            }
            Set<String> domains = new LinkedHashSet<>(Arrays.asList(words).subList(1, words.length));
            brands.put(words[0], Collections.unmodifiableSet(domains));
        }
        return Collections.unmodifiableMap(brands);
    }
}
