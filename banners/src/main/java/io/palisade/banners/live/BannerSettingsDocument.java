package io.palisade.banners.live;

import io.palisade.banners.render.Branding;
import io.palisade.banners.render.Colour;
import io.palisade.banners.render.WordingKeys;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a tenant sets for its banners: the name in the footer and on the live page, the footer's accent colour,
 * the language for recipients whose own is unknown, and wording overrides by key ({@link Branding}).
 *
 * @param displayName the organisation's name; null for the tenant's name
 * @param accent {@code #RRGGBB}, which must reach WCAG AA contrast on every level's background; null for the
 *     default grey
 * @param defaultLocale a BCP 47 tag of a language banners are written in ({@link WordingKeys#LANGUAGES}); null
 *     for English
 * @param overrides wording overrides by key; null is read as none
 */
public record BannerSettingsDocument(
        String displayName, String accent, String defaultLocale, Map<String, String> overrides) {

    /** At most this many wording overrides. */
    public static final int MAX_OVERRIDES = 200;

    private static final int MAX_NAME = 200;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}]");

    public BannerSettingsDocument {
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
    }

    /** No settings: the tenant's name, default colours, English, the bundles' wording. */
    public static BannerSettingsDocument defaults() {
        return new BannerSettingsDocument(null, null, null, Map.of());
    }

    /** Every problem, each a sentence naming the bad value; empty when the document can be stored. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (displayName != null && (displayName.isBlank() || displayName.length() > MAX_NAME)) {
            problems.add("display name must be 1 to " + MAX_NAME + " characters and not blank");
        } else if (displayName != null && CONTROL.matcher(displayName).find()) {
            problems.add("display name contains control or formatting characters");
        }
        accentProblem().ifPresent(problems::add);
        localeProblem().ifPresent(problems::add);
        if (overrides.size() > MAX_OVERRIDES) {
            problems.add(overrides.size() + " wording overrides; at most " + MAX_OVERRIDES);
        } else {
            problems.addAll(WordingKeys.problems(overrides));
        }
        return problems;
    }

    /** The default language, or null for English. Call only on a document without problems. */
    public Locale locale() {
        return defaultLocale == null ? null : Locale.forLanguageTag(defaultLocale);
    }

    private Optional<String> accentProblem() {
        if (accent == null) {
            return Optional.empty();
        }
        try {
            return Branding.unreadable(Colour.parse(accent));
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private Optional<String> localeProblem() {
        if (defaultLocale == null) {
            return Optional.empty();
        }
        Locale locale;
        try {
            locale = new Locale.Builder().setLanguageTag(defaultLocale).build();
        } catch (IllformedLocaleException e) {
            return Optional.of("default language '" + defaultLocale + "' is not a BCP 47 language tag");
        }
        if (!WordingKeys.LANGUAGES.contains(locale.getLanguage())) {
            return Optional.of("default language '" + defaultLocale + "': banners have no wording in '"
                    + locale.getLanguage() + "'; languages: " + String.join(", ", WordingKeys.LANGUAGES));
        }
        return Optional.empty();
    }
}
