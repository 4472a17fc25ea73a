package io.palisade.banners.render;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's look and wording for its banners.
 *
 * <p>Wording overrides replace a bundle text by key (the keys of {@code banner.properties}, e.g.
 * {@code level.HIGH.headline}). A key may end in {@code @<language>} ({@code level.HIGH.headline@fr}) to apply to
 * one language only; the language-specific override wins over the plain one, which wins over the bundle.
 *
 * @param name the organisation's name shown in the footer, never null or blank
 * @param accent the footer's text colour; null for the default grey. It must reach WCAG AA (4.5:1) on the
 *     background of every level, or the constructor rejects it
 * @param overrides wording overrides by key, never null (may be empty)
 */
public record Branding(String name, Colour accent, Map<String, String> overrides) {
    public Branding {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("branding name must not be blank");
        }
        overrides = Map.copyOf(overrides);
        if (accent != null) {
            unreadable(accent).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
        }
    }

    /** Branding with a name only: default colours and wording. */
    public static Branding named(String name) {
        return new Branding(name, null, Map.of());
    }

    /** The override for a key in a language, or null when the tenant has none. */
    public String override(String key, Locale locale) {
        String specific = overrides.get(key + "@" + locale.getLanguage());
        return specific != null ? specific : overrides.get(key);
    }

    /**
     * Why an accent colour cannot be used, naming the first level whose background it fails WCAG AA (4.5:1) on;
     * empty when it reads well on all of them.
     */
    public static Optional<String> unreadable(Colour accent) {
        for (LevelStyle style : LevelStyle.all()) {
            double ratio = accent.contrastWith(style.background());
            if (ratio < Colour.AA_NORMAL_TEXT) {
                return Optional.of(String.format(
                        Locale.ROOT,
                        "accent colour %s has contrast %.2f:1 on the %s background %s; WCAG AA needs 4.5:1",
                        accent.hex(),
                        ratio,
                        style.level(),
                        style.background().hex()));
            }
        }
        return Optional.empty();
    }
}
