package io.palisade.banners.inject;

import io.palisade.banners.marker.MarkerCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Edits a plain-text body. Palisade's text banner sits at the top, between two rule lines, with the marker line
 * last before the closing rule; a quoted copy ("> ...") in a reply is never taken for it.
 */
final class TextEditor {
    private static final String RULE = MarkerCodec.TEXT_RULE;

    // An earlier banner is looked for near the top only: it was put there, and this bounds the scan.
    private static final int SEARCH_LINES = 80;

    private TextEditor() {}

    static BannerEdit.Outcome edit(String text, BannerEdit edit) {
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        int replaced = 0;
        while (removeFirstBanner(lines, edit)) {
            replaced++;
        }
        String rest = String.join(newline, lines);
        if (edit.banner() == null) {
            return new BannerEdit.Outcome(rest, replaced, 0);
        }
        String banner = edit.banner().text().replace("\n", newline);
        return new BannerEdit.Outcome(banner + newline + rest, replaced, 0);
    }

    /** Removes the first verified banner of this message near the top, with the blank line that followed it. */
    private static boolean removeFirstBanner(List<String> lines, BannerEdit edit) {
        int limit = Math.min(lines.size(), SEARCH_LINES);
        for (int marker = 0; marker < limit; marker++) {
            if (!edit.isOurs(MarkerCodec.fromTextLine(lines.get(marker)))) {
                continue;
            }
            int open = lastRuleBefore(lines, marker);
            if (open < 0) {
                return false;
            }
            int end = marker + 1 < lines.size() && lines.get(marker + 1).equals(RULE) ? marker + 2 : marker + 1;
            if (end < lines.size() && lines.get(end).isEmpty() && end + 1 < lines.size()) {
                end++;
            }
            lines.subList(open, end).clear();
            return true;
        }
        return false;
    }

    private static int lastRuleBefore(List<String> lines, int marker) {
        for (int i = marker - 1; i >= 0; i--) {
            if (lines.get(i).equals(RULE)) {
                return i;
            }
        }
        return -1;
    }
}
