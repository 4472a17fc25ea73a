package io.palisade.core.policy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the header block of a raw message (RFC 5322 section 2.2), unfolding continued lines. */
public final class HeaderFields {

    private static final int MAX_HEADER_BYTES = 256 * 1024;

    private HeaderFields() {}

    /** The header fields by lower-case name, values in order; empty for null input. Never throws. */
    public static Map<String, List<String>> of(byte[] mime) {
        Map<String, List<String>> fields = new HashMap<>();
        if (mime == null) {
            return fields;
        }
        String text = new String(mime, 0, Math.min(mime.length, MAX_HEADER_BYTES), StandardCharsets.ISO_8859_1);
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            add(fields, name, value);
            int colon = line.indexOf(':');
            name = colon > 0 ? line.substring(0, colon).strip().toLowerCase(Locale.ROOT) : null;
            value = new StringBuilder(colon > 0 ? line.substring(colon + 1).strip() : "");
        }
        add(fields, name, value);
        return fields;
    }

    private static void add(Map<String, List<String>> fields, String name, StringBuilder value) {
        if (name != null) {
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value.toString());
        }
    }
}
