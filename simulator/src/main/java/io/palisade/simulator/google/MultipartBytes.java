package io.palisade.simulator.google;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a multipart body into parts at the byte level, so binary content survives; used for uploads and batch. */
final class MultipartBytes {

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=\"?([^\";]+)\"?");

    /**
     * One part.
     *
     * @param headers by case-insensitive name
     * @param body the bytes between the blank line and the next delimiter
     */
    record Part(Map<String, String> headers, byte[] body) {}

    private MultipartBytes() {}

    static String boundary(String contentType) {
        Matcher m = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (!m.find()) {
            throw GmailException.invalid("multipart body without a boundary");
        }
        return m.group(1);
    }

    static List<Part> split(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        List<Part> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break;
            }
            start = skipLineEnd(body, start);
            int next = indexOf(body, delimiter, start);
            if (next < 0) {
                throw GmailException.invalid("multipart body without a closing delimiter");
            }
            parts.add(part(Arrays.copyOfRange(body, start, trimLineEnd(body, next))));
            at = next;
        }
        return parts;
    }

    /** Reads a header block (lines up to a blank line) and returns the headers and the offset after it. */
    static Map.Entry<Map<String, String>, Integer> headers(byte[] data, int from) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int at = from;
        while (at < data.length) {
            int end = lineEnd(data, at);
            String line = new String(data, at, end - at, StandardCharsets.UTF_8);
            at = skipLineEnd(data, end);
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(
                        line.substring(0, colon).trim(),
                        line.substring(colon + 1).trim());
            }
        }
        return Map.entry(headers, at);
    }

    static int lineEnd(byte[] data, int from) {
        int at = from;
        while (at < data.length && data[at] != '\r' && data[at] != '\n') {
            at++;
        }
        return at;
    }

    static int skipLineEnd(byte[] data, int at) {
        if (at < data.length && data[at] == '\r') {
            at++;
        }
        if (at < data.length && data[at] == '\n') {
            at++;
        }
        return at;
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    static byte[] concat(List<byte[]> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pieces.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static Part part(byte[] raw) {
        Map.Entry<Map<String, String>, Integer> head = headers(raw, 0);
        return new Part(head.getKey(), Arrays.copyOfRange(raw, head.getValue(), raw.length));
    }

    private static int trimLineEnd(byte[] data, int end) {
        int at = end;
        if (at > 0 && data[at - 1] == '\n') {
            at--;
        }
        if (at > 0 && data[at - 1] == '\r') {
            at--;
        }
        return at;
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = from; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            if (i == 0 || data[i - 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
