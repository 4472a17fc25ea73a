package io.palisade.simulator.traffic.mime;

import java.nio.charset.StandardCharsets;

/** RFC 2045 quoted-printable of UTF-8 text, CRLF line ends, soft breaks before column 76. */
final class QuotedPrintable {

    private static final int MAX_LINE = 76;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private QuotedPrintable() {}

    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 8);
        String[] lines = normalise(text).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append("\r\n");
            }
            encodeLine(lines[i].getBytes(StandardCharsets.UTF_8), out);
        }
        return out.toString();
    }

    private static void encodeLine(byte[] bytes, StringBuilder out) {
        int column = 0;
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean last = i == bytes.length - 1;
            String token = token(c, last);
            // Keep one column free for the soft break's '=' (and the whole of the last token when it ends the line).
            int room = last ? MAX_LINE : MAX_LINE - 1;
            if (column + token.length() > room) {
                out.append("=\r\n");
                column = 0;
            }
            out.append(token);
            column += token.length();
        }
    }

    private static String token(int c, boolean lastOnLine) {
        boolean literal = c >= 33 && c <= 126 && c != '=' || (c == ' ' || c == '\t') && !lastOnLine;
        if (literal) {
            return String.valueOf((char) c);
        }
        return new String(new char[] {'=', HEX[c >> 4], HEX[c & 0xf]});
    }

    static String normalise(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
