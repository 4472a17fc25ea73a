package io.palisade.banners.render;

import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The banner's words in one language, for the live page and for reasons: the same bundles and tenant overrides
 * as the banner itself, so the page and the banner always say the same thing.
 */
public final class Wording {

    private final BannerTexts texts;

    private Wording(BannerTexts texts) {
        this.texts = texts;
    }

    /**
     * The wording for a recipient.
     *
     * @param locale the recipient's locale, or null for English
     * @param branding the tenant's branding, never null
     */
    public static Wording of(Locale locale, Branding branding) {
        return new Wording(BannerTexts.of(locale == null ? Locale.ENGLISH : locale, branding));
    }

    /** The text for a bundle key ({@code page.report}), placeholders filled; values are not escaped. */
    public String text(String key, Map<String, String> values) {
        return texts.get(key, values);
    }

    /** The text for a bundle key without placeholders. */
    public String text(String key) {
        return texts.get(key);
    }

    /** The level's label in words; CLEAN has one too ("Safe"), for the live page. */
    public String label(RiskLevel level) {
        return level == RiskLevel.CLEAN ? texts.get("page.level.CLEAN.label") : texts.get(labelKey(level));
    }

    /** The level's headline sentence. */
    public String headline(RiskLevel level) {
        return level == RiskLevel.CLEAN
                ? texts.get("page.level.CLEAN.headline")
                : texts.get("level." + level.name() + ".headline");
    }

    /**
     * The reasons in plain words, in the signals' order, cleaned like the banner's. A signal whose name has a
     * {@code reason.<NAME>} text in this language (bundle or override) is said in it, with the signal's evidence
     * in the {@code {detail}} slot (without evidence: {@code reason.<NAME>.plain}, or the text itself when it has
     * no slot); any other keeps the sentence detection wrote (English).
     */
    public List<String> reasons(List<Signal> signals) {
        List<String> said = signals.stream().map(this::reason).toList();
        return Reasons.clean(said);
    }

    /** The BCP 47 tag of the language actually used. */
    public String languageTag() {
        return texts.languageTag();
    }

    /** Whether that language is written right to left. */
    public boolean rightToLeft() {
        return texts.rightToLeft();
    }

    // Not yet: signals raised by rules of the rule pack (not listed in detection's catalogue) have no wording in
    // French, German or Spanish; they show detection's English sentence in every language.
    private String reason(Signal signal) {
        if (signal.evidence().isBlank()) {
            String plain = texts.optional("reason." + signal.name() + ".plain", Map.of());
            if (plain == null) {
                // A sentence without a slot for evidence needs none.
                String whole = texts.optional("reason." + signal.name(), Map.of());
                plain = whole == null || whole.contains("{detail}") ? null : whole;
            }
            return plain == null ? signal.reason() : plain;
        }
        String localised = texts.optional("reason." + signal.name(), Map.of("detail", signal.evidence()));
        return localised == null ? signal.reason() : localised;
    }

    private static String labelKey(RiskLevel level) {
        return "level." + level.name() + ".label";
    }
}
