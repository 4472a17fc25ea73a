package io.palisade.banners.render;

import io.palisade.banners.marker.MarkerCodec;
import java.util.List;
import java.util.Map;

/**
 * Writes the HTML form: a root {@code <div>} with the marker, the note role, language and direction, around a
 * one-row layout table. Inline styles only, since mail clients drop {@code <style>}; {@code bgcolor} as well as
 * CSS backgrounds, since Outlook's Word engine honours the attribute more reliably.
 */
final class HtmlBanner {
    private static final String FONT = "font-family:'Segoe UI',Arial,Helvetica,sans-serif;";

    private HtmlBanner() {}

    static String write(BannerModel model, BannerTexts texts, List<String> reasons) {
        LevelStyle style = LevelStyle.of(model.level());
        String label = texts.get("level." + model.level() + ".label");

        StringBuilder html = new StringBuilder(2048);
        openRoot(html, model, texts, label);
        openLayout(html, style, texts.rightToLeft() ? "right" : "left");
        headline(html, style, label, texts.get("level." + model.level() + ".headline"));
        reasonList(html, texts, reasons);
        link(html, style, model, texts);
        footer(html, style, model.branding(), texts);
        html.append("</td></tr></table>\n</div>");
        return html.toString();
    }

    private static void openRoot(StringBuilder html, BannerModel model, BannerTexts texts, String label) {
        String name = model.branding().name();
        html.append("<div");
        // Not yet: only the marker marks the banner as ours, so a copy with the marker removed is not BANNER_FORGED.
        attr(html, MarkerCodec.ATTRIBUTE, MarkerCodec.toText(model.marker()));
        attr(html, "role", "note");
        attr(html, "aria-label", texts.get("aria.label", Map.of("label", label, "name", name)));
        attr(html, "lang", texts.languageTag());
        // Explicit, so that a right-to-left message body does not mirror a left-to-right banner.
        attr(html, "dir", texts.rightToLeft() ? "rtl" : "ltr");
        attr(html, "style", "margin:0 0 16px 0;padding:0;text-align:" + (texts.rightToLeft() ? "right" : "left") + ";");
        // Line breaks between elements keep every line far below the 998-octet limit of 7bit and 8bit parts.
        html.append(">\n");
    }

    /** The one-row table: a stripe cell in the level's strong colour, then the content cell. */
    private static void openLayout(StringBuilder html, LevelStyle style, String align) {
        html.append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"")
                .append(" style=\"width:100%;border-collapse:collapse;\"><tr>\n");
        html.append("<td width=\"6\" bgcolor=\"")
                .append(style.strong().hex())
                .append("\" style=\"width:6px;background-color:")
                .append(style.strong().hex())
                .append(";font-size:1px;line-height:1px;\">&nbsp;</td>\n");
        html.append("<td bgcolor=\"")
                .append(style.background().hex())
                .append("\" style=\"background-color:")
                .append(style.background().hex())
                .append(";color:")
                .append(style.text().hex())
                .append(";padding:12px 16px;")
                .append(FONT)
                .append("font-size:14px;line-height:20px;text-align:")
                .append(align)
                .append(";\">\n");
    }

    private static void headline(StringBuilder html, LevelStyle style, String label, String headline) {
        html.append("<p style=\"margin:0 0 6px 0;\"><strong style=\"background-color:")
                .append(style.strong().hex())
                .append(";color:")
                .append(style.onStrong().hex())
                .append(";padding:1px 6px;\">")
                .append(Html.escape(label))
                .append("</strong> <strong>")
                .append(Html.escape(headline))
                .append("</strong></p>\n");
    }

    private static void reasonList(StringBuilder html, BannerTexts texts, List<String> reasons) {
        if (reasons.isEmpty()) {
            return;
        }
        html.append("<p style=\"margin:0 0 4px 0;\">")
                .append(Html.escape(texts.get("reasons.heading")))
                .append("</p>\n<ul style=\"margin:0 0 8px 0;padding:0 0 0 20px;\">\n");
        for (String line : Reasons.shown(reasons, texts)) {
            html.append("<li style=\"margin:0;\">").append(Html.escape(line)).append("</li>\n");
        }
        html.append("</ul>\n");
    }

    private static void link(StringBuilder html, LevelStyle style, BannerModel model, BannerTexts texts) {
        if (model.livePageUrl() == null) {
            return;
        }
        html.append("<p style=\"margin:0 0 6px 0;\"><a href=\"")
                .append(Html.escape(model.livePageUrl().toASCIIString()))
                .append("\" style=\"color:")
                .append(style.strong().hex())
                .append(";text-decoration:underline;font-weight:bold;\">")
                .append(Html.escape(texts.get("link.text")))
                .append("</a></p>\n");
    }

    private static void footer(StringBuilder html, LevelStyle style, Branding branding, BannerTexts texts) {
        Colour colour = branding.accent() != null ? branding.accent() : style.muted();
        html.append("<p style=\"margin:0;font-size:12px;line-height:16px;color:")
                .append(colour.hex())
                .append(";\">")
                .append(Html.escape(texts.get("footer", Map.of("name", branding.name()))))
                .append("</p>\n");
    }

    private static void attr(StringBuilder html, String name, String value) {
        html.append(' ').append(name).append("=\"").append(Html.escape(value)).append('"');
    }
}
