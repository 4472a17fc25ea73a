package io.palisade.banners.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a tenant's wording override may name and say: the keys of the banner bundles, the reason keys of signals,
 * the languages that have wording, and the placeholders each text may use. Checked before an override is stored,
 * so a typo is refused with its reason instead of silently changing nothing.
 */
public final class WordingKeys {

    /** The languages banners are written in; a recipient in any other language reads English. */
    public static final List<String> LANGUAGES = List.of("de", "en", "es", "fr");

    /** At most this many characters in one override. */
    public static final int MAX_TEXT = 1_000;

    private static final Pattern KEY = Pattern.compile("([a-z][A-Za-z0-9_.]*)(?:@([a-z]{2,3}))?");
    private static final Pattern REASON = Pattern.compile("reason\\.([A-Z][A-Z0-9_]*)(\\.plain)?");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}]");

    private static final ResourceBundle ENGLISH = ResourceBundle.getBundle(
            "io.palisade.banners.render.banner",
            Locale.ROOT,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));

    private WordingKeys() {}

    /**
     * What is wrong with one override, each problem a sentence that names the key; empty when it is fine.
     *
     * @param key the override key ({@code level.HIGH.headline}, {@code footer@fr}, {@code reason.DMARC_FAIL})
     * @param text the replacement text
     */
    public static List<String> problems(String key, String text) {
        List<String> problems = new ArrayList<>();
        Matcher parts = KEY.matcher(key == null ? "" : key);
        if (!parts.matches()) {
            problems.add("wording key '" + key + "' is not of the form <key> or <key>@<language>");
            return problems;
        }
        String base = parts.group(1);
        String language = parts.group(2);
        Set<String> allowed = placeholders(base);
        if (allowed == null) {
            problems.add("wording key '" + key + "' names no banner text (see docs/banners.md for the keys)");
        }
        if (language != null && !LANGUAGES.contains(language)) {
            problems.add("wording key '" + key + "': banners have no wording in '" + language + "'; languages: "
                    + String.join(", ", LANGUAGES));
        }
        problems.addAll(textProblems(key, text, allowed));
        return problems;
    }

    /** Problems of a whole set of overrides. */
    public static List<String> problems(Map<String, String> overrides) {
        List<String> problems = new ArrayList<>();
        new TreeSet<>(overrides.keySet()).forEach(key -> problems.addAll(problems(key, overrides.get(key))));
        return problems;
    }

    /** The placeholders a text may use, or null when no banner text has that key. */
    static Set<String> placeholders(String base) {
        Matcher reason = REASON.matcher(base);
        if (reason.matches()) {
            return reason.group(2) == null ? Set.of("detail") : Set.of();
        }
        if (!ENGLISH.keySet().contains(base)) {
            return null;
        }
        Set<String> names = new TreeSet<>();
        Matcher found = PLACEHOLDER.matcher(ENGLISH.getString(base));
        while (found.find()) {
            names.add(found.group(1));
        }
        return names;
    }

    private static List<String> textProblems(String key, String text, Set<String> allowed) {
        if (text == null || text.isBlank()) {
            return List.of("wording '" + key + "' is empty");
        }
        List<String> problems = new ArrayList<>();
        if (text.length() > MAX_TEXT) {
            problems.add("wording '" + key + "' is " + text.length() + " characters; at most " + MAX_TEXT);
        }
        if (CONTROL.matcher(text).find()) {
            problems.add("wording '" + key + "' contains control or formatting characters (line breaks, bidi marks)");
        }
        Matcher found = PLACEHOLDER.matcher(text);
        while (allowed != null && found.find()) {
            if (!allowed.contains(found.group(1))) {
                problems.add("wording '" + key + "' uses {" + found.group(1) + "}; this text can use "
                        + (allowed.isEmpty() ? "no placeholder" : "{" + String.join("}, {", allowed) + "}"));
            }
        }
        return problems;
    }
}
