package io.palisade.detection.analysis.content;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds text that the HTML hides from the reader but filters still read. Two patterns count. Salting: hidden
 * snippets inserted between visible words ({@code Pass<span style="display:none">xq</span>word}), which breaks
 * keyword filters. Stuffing: a large amount of text made invisible by a zero font size, zero opacity or white on
 * white. A hidden block on its own (a newsletter's preheader, a mobile-only layout) is neither.
 */
final class HiddenText {
    /** Inserted snippets from which a body counts as salted. */
    static final int SALTING_SNIPPETS = 3;

    /** Letters of invisible-by-style text from which a body counts as stuffed. */
    static final int STUFFING_LETTERS = 200;

    static final int MAX_ELEMENTS = 5000;

    private static final Pattern HIDING = Pattern.compile(
            "display\\s*:\\s*none|visibility\\s*:\\s*hidden|max-height\\s*:\\s*0(?![.\\d])|mso-hide\\s*:\\s*all");
    private static final Pattern INVISIBLE =
            Pattern.compile("font-size\\s*:\\s*0(?![.\\d])|opacity\\s*:\\s*0(?![.\\d])");
    private static final Pattern WHITE_TEXT = Pattern.compile(
            "(?<![-\\w])color\\s*:\\s*(#fff\\b|#ffffff\\b|white\\b|rgb\\(\\s*255\\s*,\\s*255\\s*,\\s*255\\s*\\))");
    private static final Pattern WHITE_COLOUR = Pattern.compile("#?f{3}|#?f{6}|white");
    private static final Pattern DARK_BACKGROUND =
            Pattern.compile("background(-color)?\\s*:\\s*(?!\\s*(#fff\\b|#ffffff\\b|white\\b|transparent|none))");

    /**
     * What a body hides.
     *
     * @param saltingSnippets hidden snippets placed between visible words
     * @param stuffedLetters letters of text made invisible by style
     */
    record Report(int saltingSnippets, int stuffedLetters) {
        boolean suspicious() {
            return saltingSnippets >= SALTING_SNIPPETS || stuffedLetters >= STUFFING_LETTERS;
        }
    }

    private HiddenText() {}

    static Report inspect(Document html) {
        int salting = 0;
        int stuffed = 0;
        int seen = 0;
        for (Element element : html.select("[style], font[size=0]")) {
            if (++seen > MAX_ELEMENTS) {
                break;
            }
            String style = element.attr("style").toLowerCase(Locale.ROOT);
            boolean hiding = HIDING.matcher(style).find();
            boolean invisible = !hiding
                    && (INVISIBLE.matcher(style).find()
                            || element.is("font[size=0]")
                            || isWhiteOnWhite(element, style));
            // Text and ancestors are read only for hidden elements: most styled elements are visible.
            if ((!hiding && !invisible) || hasHiddenAncestor(element)) {
                continue;
            }
            int letters = letters(element.text());
            if (hiding && letters > 0 && isBetweenWords(element)) {
                salting++;
            } else if (invisible) {
                stuffed += letters;
            }
        }
        return new Report(salting, stuffed);
    }

    private static boolean isBetweenWords(Element element) {
        Element parent = element.parent();
        return parent != null && letters(parent.ownText()) > 0 && !parent.is("body");
    }

    private static boolean isWhiteOnWhite(Element element, String style) {
        if (!WHITE_TEXT.matcher(style).find()) {
            return false;
        }
        for (Element e = element; e != null; e = e.parent()) {
            String bgcolor = e.attr("bgcolor").toLowerCase(Locale.ROOT);
            boolean coloured =
                    !bgcolor.isEmpty() && !WHITE_COLOUR.matcher(bgcolor).matches();
            if (coloured
                    || DARK_BACKGROUND
                            .matcher(e.attr("style").toLowerCase(Locale.ROOT))
                            .find()) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasHiddenAncestor(Element element) {
        for (Element e = element.parent(); e != null; e = e.parent()) {
            String style = e.attr("style").toLowerCase(Locale.ROOT);
            if (!style.isEmpty()
                    && (HIDING.matcher(style).find() || INVISIBLE.matcher(style).find())) {
                return true;
            }
        }
        return false;
    }

    private static int letters(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }
}
