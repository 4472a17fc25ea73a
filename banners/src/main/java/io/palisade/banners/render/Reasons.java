package io.palisade.banners.render;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Makes verdict reasons safe to show: one line each, no bidi tricks, bounded length and count. */
final class Reasons {
    static final int MAX_SHOWN = 5;
    private static final int MAX_CHARS = 300;

    // Control characters would break the text banner's lines; bidi overrides could show "moc.liavap" as
    // "paypal.com" inside an attacker-chosen domain.
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Reasons() {}

    /** The cleaned, de-duplicated reasons, in order; blank ones dropped. */
    static List<String> clean(List<String> reasons) {
        Set<String> cleaned = new LinkedHashSet<>();
        for (String reason : reasons) {
            String line = SPACES.matcher(UNSAFE.matcher(reason).replaceAll(" "))
                    .replaceAll(" ")
                    .strip();
            if (line.codePointCount(0, line.length()) > MAX_CHARS) {
                line = line.substring(0, line.offsetByCodePoints(0, MAX_CHARS - 3))
                                .strip() + "...";
            }
            if (!line.isEmpty()) {
                cleaned.add(line);
            }
        }
        return List.copyOf(cleaned);
    }

    /** The lines to list: the first {@link #MAX_SHOWN} reasons, then "and N more reasons" if some are left. */
    static List<String> shown(List<String> cleaned, BannerTexts texts) {
        List<String> lines = new ArrayList<>(cleaned.subList(0, Math.min(cleaned.size(), MAX_SHOWN)));
        int hidden = cleaned.size() - lines.size();
        if (hidden > 0) {
            lines.add(texts.get("reasons.more", Map.of("count", Integer.toString(hidden))));
        }
        return lines;
    }
}
