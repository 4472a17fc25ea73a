package io.palisade.detection.rules;

import dev.cel.common.CelSourceLocation;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Maps a place in a condition, as CEL reports it (line and column in the condition's text), to a line and column in
 * the rule file. YAML may fold lines, strip indentation and unescape quotes, so the text CEL sees is not the text in
 * the file; both hold the same non-blank characters in the same order, which is what the mapping counts.
 */
final class ConditionPosition {

    private ConditionPosition() {}

    /** " (line L, column C)" in the file, 1-based; the condition's start when the place is unknown. */
    static String of(Node node, String condition, CelSourceLocation location) {
        if (node == null) {
            return "";
        }
        int[] buffer = node.getStartMark().getBuffer();
        int start = contentStart(node, buffer);
        int target = start;
        if (location.getLine() >= 1) {
            int visible = visibleBefore(condition, offset(condition, location));
            target = nthVisible(node, buffer, start, visible);
        }
        return at(buffer, target);
    }

    /** Where the scalar's characters start: after a block indicator's line, or after an opening quote. */
    private static int contentStart(Node node, int[] buffer) {
        int index = node.getStartMark().getIndex();
        ScalarStyle style = node instanceof ScalarNode scalar ? scalar.getScalarStyle() : ScalarStyle.PLAIN;
        if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
            while (index < buffer.length && buffer[index] != '\n') {
                index++;
            }
            return Math.min(index + 1, buffer.length);
        }
        boolean quoted = style == ScalarStyle.DOUBLE_QUOTED || style == ScalarStyle.SINGLE_QUOTED;
        return quoted ? index + 1 : index;
    }

    private static int offset(String condition, CelSourceLocation location) {
        int offset = 0;
        for (int line = 1; line < location.getLine(); line++) {
            int newline = condition.indexOf('\n', offset);
            if (newline < 0) {
                return condition.length();
            }
            offset = newline + 1;
        }
        return Math.min(condition.length(), offset + Math.max(0, location.getColumn()));
    }

    private static int visibleBefore(String text, int end) {
        int count = 0;
        for (int i = 0; i < end; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    /** The buffer index of the scalar's n-th (0-based) non-blank character, an escape counting as one. */
    private static int nthVisible(Node node, int[] buffer, int start, int n) {
        ScalarStyle style = node instanceof ScalarNode scalar ? scalar.getScalarStyle() : ScalarStyle.PLAIN;
        int end = Math.min(buffer.length, node.getEndMark().getIndex());
        int seen = 0;
        int i = start;
        while (i < end) {
            int c = buffer[i];
            int width = 1;
            if (style == ScalarStyle.DOUBLE_QUOTED && c == '\\' && i + 1 < end) {
                width = 2;
                // \n, \t and a line-continuation backslash stand for blanks in the value.
                int next = buffer[i + 1];
                if (next == 'n' || next == 't' || next == '\n') {
                    i += width;
                    continue;
                }
            } else if (style == ScalarStyle.SINGLE_QUOTED && c == '\'' && i + 1 < end && buffer[i + 1] == '\'') {
                width = 2;
            } else if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (seen == n) {
                return i;
            }
            seen++;
            i += width;
        }
        return Math.max(start, Math.min(i, buffer.length - 1));
    }

    private static String at(int[] buffer, int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < index && i < buffer.length; i++) {
            if (buffer[i] == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return " (line " + line + ", column " + column + ")";
    }
}
