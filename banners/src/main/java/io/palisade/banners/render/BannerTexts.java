package io.palisade.banners.render;

import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;

/** The banner's wording in one language: the tenant's overrides first, then the bundle, English last. */
final class BannerTexts {
    private static final String BUNDLE = "io.palisade.banners.render.banner";
    private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "he", "iw", "fa", "ur", "yi");

    private final ResourceBundle bundle;
    private final Branding branding;
    private final Locale language;

    private BannerTexts(ResourceBundle bundle, Branding branding) {
        this.bundle = bundle;
        this.branding = branding;
        String resolved = bundle.getLocale().getLanguage();
        this.language = resolved.isEmpty() ? Locale.ENGLISH : Locale.of(resolved);
    }

    /** The wording for a recipient; a language without a bundle falls back to English, never to the JVM's. */
    static BannerTexts of(Locale recipient, Branding branding) {
        // The no-fallback control stops ResourceBundle from trying the server's default locale in between.
        ResourceBundle bundle = ResourceBundle.getBundle(
                BUNDLE,
                recipient,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new BannerTexts(bundle, branding);
    }

    /** The text for a key, with {@code {name}} placeholders filled (values are not escaped here). */
    String get(String key, Map<String, String> values) {
        String text = branding.override(key, language);
        if (text == null) {
            text = lookup(key);
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{" + value.getKey() + "}", value.getValue());
        }
        return text;
    }

    String get(String key) {
        return get(key, Map.of());
    }

    /** The text for a key from the overrides or this language's own bundle, or null when neither has it. */
    String optional(String key, Map<String, String> values) {
        String text = branding.override(key, language);
        if (text == null && bundle.keySet().contains(key)) {
            text = bundle.getString(key);
        }
        if (text == null) {
            return null;
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{" + value.getKey() + "}", value.getValue());
        }
        return text;
    }

    /** The language actually rendered, as a BCP 47 tag for the {@code lang} attribute. */
    String languageTag() {
        return language.toLanguageTag();
    }

    boolean rightToLeft() {
        return RIGHT_TO_LEFT.contains(language.getLanguage());
    }

    private String lookup(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("banner bundle lacks key " + key + " for " + language, e);
        }
    }
}
