package io.palisade.detection.rules;

import com.google.re2j.Pattern;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CEL's {@code matches} with compiled patterns kept: the standard binding compiles its pattern on every call, which
 * for the pack's long alternations costs more than the search itself. Thread-safe; the cache is bounded and simply
 * cleared when full, since rule patterns are few and constant.
 */
final class CachedPatterns {

    private static final int MAX_PATTERNS = 4_096;
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private CachedPatterns() {}

    /** Bindings for both spellings: {@code s.matches(p)} and {@code matches(s, p)}. */
    static List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("matches_string", String.class, String.class, CachedPatterns::matches),
                CelFunctionBinding.from("matches", String.class, String.class, CachedPatterns::matches));
    }

    static boolean matches(String text, String regex) {
        Pattern pattern = PATTERNS.get(regex);
        if (pattern == null) {
            if (PATTERNS.size() >= MAX_PATTERNS) {
                PATTERNS.clear();
            }
            pattern = Pattern.compile(regex);
            PATTERNS.put(regex, pattern);
        }
        return pattern.matcher(text).find();
    }
}
