package io.palisade.core.intel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a plain indicator list: one indicator a line, either a bare value whose kind is recognised (SHA-256, IP,
 * http(s) URL, address, domain) or {@code KIND,value}. Blank lines and lines starting with {@code #} are skipped.
 */
public final class PlainListReader {

    /** The indicators read and the lines refused. */
    public record Read(List<NewIndicator> indicators, List<String> rejected) {}

    private PlainListReader() {}

    /** Reads the list; never throws on bad lines, which are reported in {@link Read#rejected()}. */
    public static Read read(String text, String source, int confidence, Instant expiresAt) {
        List<NewIndicator> indicators = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                indicators.add(parse(line, source, confidence, expiresAt));
            } catch (IllegalArgumentException e) {
                rejected.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new Read(indicators, rejected);
    }

    private static NewIndicator parse(String line, String source, int confidence, Instant expiresAt) {
        int comma = line.indexOf(',');
        if (comma > 0) {
            String kind = line.substring(0, comma).strip().toUpperCase(Locale.ROOT);
            try {
                return new NewIndicator(
                        IntelKind.valueOf(kind), line.substring(comma + 1).strip(), source, confidence, expiresAt);
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("No enum constant")) {
                    // A comma inside a URL, not a kind prefix: fall through to the bare value.
                } else {
                    throw e;
                }
            }
        }
        IntelKind kind = NewIndicator.guessKind(line);
        if (kind == null) {
            throw new IllegalArgumentException("not a recognisable indicator: '" + shorten(line) + "'");
        }
        return new NewIndicator(kind, line, source, confidence, expiresAt);
    }

    private static String shorten(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "...";
    }
}
