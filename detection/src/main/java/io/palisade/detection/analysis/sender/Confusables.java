package io.palisade.detection.analysis.sender;

import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reduces text to a form in which look-alike characters compare equal: Unicode confusables skeletons (ICU's
 * {@link SpoofChecker}, so Cyrillic {@code а} and Latin {@code a} match, and {@code rn} matches {@code m}), then the
 * digit-for-letter swaps that attackers use in domains ({@code paypa1}, {@code micr0soft}).
 */
public final class Confusables {
    // SpoofChecker is immutable once built and safe to share between threads.
    private static final SpoofChecker CHECKER =
            new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build();

    private Confusables() {}

    /** Skeletons of domains and display names, which repeat across mail; cleared when full to bound memory. */
    private static final int MAX_CACHED = 50_000;

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    /** The comparison form of a text: NFKC, confusables skeleton, lower case, common digit swaps undone. */
    public static String skeleton(String text) {
        String cached = CACHE.get(text);
        if (cached == null) {
            cached = computeSkeleton(text);
            if (CACHE.size() >= MAX_CACHED) {
                CACHE.clear();
            }
            CACHE.put(text, cached);
        }
        return cached;
    }

    private static String computeSkeleton(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String skeleton = CHECKER.getSkeleton(nfkc).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(skeleton.length());
        for (int i = 0; i < skeleton.length(); i++) {
            out.append(undoDigitSwap(skeleton.charAt(i)));
        }
        return out.toString();
    }

    private static char undoDigitSwap(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1' -> 'l';
            case '3' -> 'e';
            case '5' -> 's';
            case '|' -> 'l';
            default -> c;
        };
    }
}
