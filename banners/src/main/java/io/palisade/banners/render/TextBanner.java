package io.palisade.banners.render;

import io.palisade.banners.marker.MarkerCodec;
import java.util.List;
import java.util.Map;

/**
 * Writes the plain-text form. It opens and closes with {@link MarkerCodec#TEXT_RULE}, and its last line before
 * the closing rule is the marker line, so the injector can find and replace it.
 */
final class TextBanner {
    private static final String RULE = MarkerCodec.TEXT_RULE;

    private TextBanner() {}

    static String write(BannerModel model, BannerTexts texts, List<String> reasons) {
        StringBuilder text = new StringBuilder(1024);
        line(text, RULE);
        String label = texts.get("level." + model.level() + ".label");
        line(text, "[" + label + "] " + texts.get("level." + model.level() + ".headline"));
        if (!reasons.isEmpty()) {
            line(text, texts.get("reasons.heading"));
            for (String reason : Reasons.shown(reasons, texts)) {
                line(text, " * " + reason);
            }
        }
        if (model.livePageUrl() != null) {
            line(text, texts.get("link.text") + ": " + model.livePageUrl().toASCIIString());
        }
        line(text, texts.get("footer", Map.of("name", oneLine(model.branding().name()))));
        line(text, MarkerCodec.textLine(model.marker()));
        line(text, RULE);
        return text.toString();
    }

    private static void line(StringBuilder text, String line) {
        text.append(oneLine(line)).append('\n');
    }

    private static String oneLine(String value) {
        return value.replaceAll("[\\r\\n]+", " ");
    }
}
