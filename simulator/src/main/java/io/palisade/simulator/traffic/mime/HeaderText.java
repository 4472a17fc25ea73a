package io.palisade.simulator.traffic.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Encodes header values: RFC 2047 encoded words for non-ASCII text, quoted strings for phrases, folding. */
public final class HeaderText {

    private static final int MAX_LINE = 78;
    private static final int MAX_WORD_BYTES_B = 45;
    private static final int MAX_WORD_CHARS_Q = 60;
    private static final String SPECIALS = "()<>[]:;@\\,.\"";

    private HeaderText() {}

    /** Whether the text is plain printable ASCII. */
    public static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /** An unstructured value (Subject, Thread-Topic): as is when ASCII, else base64 encoded words. */
    public static String unstructured(String text) {
        return isAscii(text) ? text : String.join(" ", encodedWordsB(text));
    }

    /** A display name and address for From, To, Reply-To. Non-ASCII names use Q encoded words. */
    public static String address(String displayName, String address) {
        if (displayName.isEmpty()) {
            return "<" + address + ">";
        }
        return phrase(displayName) + " <" + address + ">";
    }

    static String phrase(String name) {
        if (!isAscii(name)) {
            return String.join(" ", encodedWordsQ(name));
        }
        boolean special = name.chars().anyMatch(c -> SPECIALS.indexOf(c) >= 0 || c == '\'');
        return special ? "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : name;
    }

    /** A Content-Type or Content-Disposition file-name parameter, RFC 2231 encoded when not ASCII. */
    public static String fileNameParameter(String parameter, String fileName) {
        if (isAscii(fileName) && fileName.indexOf('"') < 0) {
            return parameter + "=\"" + fileName + "\"";
        }
        StringBuilder encoded = new StringBuilder(parameter).append("*=utf-8''");
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 0x80 || "-._".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }

    /** Folds {@code Name: value} at spaces so that lines stay within 78 columns where a space allows. */
    public static String fold(String name, String value) {
        String[] words = value.split(" ", -1);
        StringBuilder out = new StringBuilder(name).append(':');
        int lineLength = out.length();
        for (String word : words) {
            if (lineLength + 1 + word.length() > MAX_LINE && lineLength > name.length() + 1) {
                out.append("\r\n");
                lineLength = 0;
            }
            out.append(' ').append(word);
            lineLength += 1 + word.length();
        }
        return out.toString();
    }

    private static List<String> encodedWordsB(String text) {
        List<String> words = new ArrayList<>();
        for (String chunk : chunks(text, MAX_WORD_BYTES_B, false)) {
            String base64 = Base64.getEncoder().encodeToString(chunk.getBytes(StandardCharsets.UTF_8));
            words.add("=?UTF-8?B?" + base64 + "?=");
        }
        return words;
    }

    private static List<String> encodedWordsQ(String text) {
        List<String> words = new ArrayList<>();
        for (String chunk : chunks(text, MAX_WORD_CHARS_Q, true)) {
            words.add("=?UTF-8?Q?" + qEncode(chunk) + "?=");
        }
        return words;
    }

    /** Splits at code point boundaries so that each chunk's encoding stays within the limit. */
    private static List<String> chunks(String text, int limit, boolean qCost) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int cost = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            String one = new String(Character.toChars(codePoint));
            int size = qCost ? qEncode(one).length() : one.getBytes(StandardCharsets.UTF_8).length;
            if (cost + size > limit) {
                chunks.add(current.toString());
                current.setLength(0);
                cost = 0;
            }
            current.append(one);
            cost += size;
            i += Character.charCount(codePoint);
        }
        chunks.add(current.toString());
        return chunks;
    }

    private static String qEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == ' ') {
                out.append('_');
            } else if (c < 0x80 && Character.isLetterOrDigit(c)) {
                out.append((char) c);
            } else {
                out.append('=').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
