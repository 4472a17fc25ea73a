package io.palisade.detection.parse;

import io.palisade.detection.model.Link;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Finds links in HTML (anchors, image maps, forms, images) and in plain text. Stateless. */
final class LinkExtractor {

    /**
     * A web address in running text: a scheme (http, https, or a defanged hxxp) or a leading {@code www.}, then
     * everything up to whitespace or a character that cannot appear unescaped in a URL. Possessive, so it never
     * backtracks.
     */
    private static final Pattern TEXT_URL = Pattern.compile(
            "(?i)(?<![\\w@.])(?:(?:https?|hxxps?)://|www\\.)[^\\s<>\"'`{}|\\\\^\\[\\]\\u00a0\\u200b]++");

    private static final String TRAILING_PUNCTUATION = ".,;:!?'\")*";
    private static final int MAX_URL_CHARS = 4096;
    private static final int MAX_ANCHOR_CHARS = 512;

    private LinkExtractor() {}

    /** Adds the links of an HTML document, in document order, until {@code max} links are held. */
    static void fromHtml(Document html, Set<Link> links, int max) {
        for (Element element : html.select("a[href], area[href], form[action], img[src], input[src]")) {
            if (links.size() >= max) {
                return;
            }
            String tag = element.normalName();
            switch (tag) {
                case "a", "area" -> add(links, element.attr("href"), anchorText(element), Link.Source.HTML_ANCHOR);
                case "form" -> add(links, element.attr("action"), "", Link.Source.HTML_FORM);
                default -> add(links, element.attr("src"), element.attr("alt"), Link.Source.HTML_IMAGE);
            }
        }
    }

    /** Adds the web addresses written in plain text until {@code max} links are held. */
    static void fromText(CharSequence text, Set<Link> links, int max) {
        Matcher matcher = TEXT_URL.matcher(text);
        while (links.size() < max && matcher.find()) {
            add(links, trimTrailing(matcher.group()), "", Link.Source.TEXT);
        }
    }

    /** The links in text, for callers outside the parser (e.g. text extracted from attachments). */
    static List<String> urlsIn(CharSequence text, int max) {
        Set<Link> links = new LinkedHashSet<>();
        fromText(text, links, max);
        return links.stream().map(Link::url).toList();
    }

    private static void add(Set<Link> links, String url, String anchor, Link.Source source) {
        String target = url.strip();
        if (target.isEmpty() || target.startsWith("#") || isInlineData(target)) {
            return;
        }
        links.add(new Link(cut(target, MAX_URL_CHARS), cut(anchor.strip(), MAX_ANCHOR_CHARS), source));
    }

    private static boolean isInlineData(String url) {
        String lower = url.substring(0, Math.min(url.length(), 12)).toLowerCase(Locale.ROOT);
        return lower.startsWith("cid:") || lower.startsWith("data:image/");
    }

    private static String anchorText(Element anchor) {
        String text = anchor.text();
        return text.isBlank() ? anchor.attr("title") : text;
    }

    private static String trimTrailing(String url) {
        int end = url.length();
        while (end > 0 && TRAILING_PUNCTUATION.indexOf(url.charAt(end - 1)) >= 0) {
            if (url.charAt(end - 1) == ')' && url.lastIndexOf('(', end - 1) >= 0) {
                break;
            }
            end--;
        }
        return url.substring(0, end);
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
