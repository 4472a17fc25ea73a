package io.palisade.detection.analysis.content;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Normalises message text for phrase matching: NFKC, lower case, invisible characters dropped, split into words. */
final class Texts {
    /** Text past this length is not read: the lures sit at the start, and the bound keeps a scan fast. */
    static final int MAX_CHARS = 100_000;

    private Texts() {}

    /**
     * The words of a text: NFKC-normalised, lower case, with apostrophes dropped ({@code don't} becomes
     * {@code dont}) and zero-width characters removed; {@code *} is kept as a word for phrase wildcards.
     */
    static List<String> words(String text) {
        String bounded = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        String normal = Normalizer.normalize(bounded, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < normal.length(); i++) {
            char c = normal.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '*') {
                word.append(c);
            } else if (!isInvisible(c) && c != '\'' && c != '\u2019') {
                flush(word, words);
            }
        }
        flush(word, words);
        return words;
    }

    /** Zero-width and formatting characters that render as nothing. */
    static boolean isInvisible(char c) {
        return c == '\u200B'
                || c == '\u200C'
                || c == '\u200D'
                || c == '\u2060'
                || c == '\uFEFF'
                || c == '\u180E'
                || c == '\u00AD';
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}
