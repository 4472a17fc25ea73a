package io.palisade.banners.inject;

import io.palisade.banners.marker.MarkerCodec;
import java.nio.charset.Charset;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;

/**
 * Edits an HTML body with jsoup, which parses broken HTML the way browsers do: a document without {@code <body>}
 * gets one, unclosed tags are closed. The banner goes first in the body, outside any layout table or quote.
 */
final class HtmlEditor {
    private HtmlEditor() {}

    static BannerEdit.Outcome edit(String html, BannerEdit edit, Charset output, boolean charsetChanged) {
        Document document = Jsoup.parse(html);
        // No pretty printing: whitespace in mail HTML can be significant (pre, white-space styles).
        document.outputSettings().prettyPrint(false).charset(output).escapeMode(Entities.EscapeMode.base);

        int replaced = removeOurBanners(document, edit);
        int disarmed = disarmTrackers(document, edit);
        if (edit.banner() != null) {
            document.body().prepend(edit.banner().html());
        }
        if (charsetChanged) {
            declareCharset(document, output);
        }
        return new BannerEdit.Outcome(document.outerHtml(), replaced, disarmed);
    }

    private static int removeOurBanners(Document document, BannerEdit edit) {
        int removed = 0;
        for (Element banner : document.select("[" + MarkerCodec.ATTRIBUTE + "]")) {
            if (edit.isOurs(MarkerCodec.fromText(banner.attr(MarkerCodec.ATTRIBUTE)))) {
                banner.remove();
                removed++;
            }
        }
        return removed;
    }

    private static int disarmTrackers(Document document, BannerEdit edit) {
        if (edit.trackers().isEmpty()) {
            return 0;
        }
        int removed = 0;
        for (Element image : document.select("img[src]")) {
            if (edit.trackers().contains(image.attr("src").strip())) {
                image.remove();
                removed++;
            }
        }
        return removed;
    }

    /** A meta charset that disagreed with the MIME charset would make some clients show mojibake. */
    private static void declareCharset(Document document, Charset charset) {
        String name = charset.name().toLowerCase(Locale.ROOT);
        for (Element meta : document.select("meta[charset]")) {
            meta.attr("charset", name);
        }
        for (Element meta : document.select("meta[http-equiv=content-type][content]")) {
            meta.attr("content", "text/html; charset=" + name);
        }
    }
}
