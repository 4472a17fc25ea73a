package io.palisade.detection.cli;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes what a public corpus gives away about its origin rather than about phishing, so that an evaluation can
 * show the detector does not depend on it: the top-level {@code Date}, {@code Received}, {@code X-Mailer},
 * {@code Message-ID} and {@code X-Spam-*} header fields, and the fixed strings the collectors put in place of
 * addresses and hosts ({@code jose@monkey.org}, {@code username@domain.com}, {@code zzzz@...}, hosts under
 * {@code domain.com}, {@code monkey.org} and {@code spamassassin.taint.org}), which become one neutral address or
 * host. Bytes are read and written as ISO-8859-1, so every other byte is kept as is.
 */
final class CorpusMask {
    private static final Set<String> DROPPED = Set.of("date", "received", "x-mailer", "message-id");
    private static final Pattern ANONYMISED_ADDRESS =
            Pattern.compile("(?i)jose@monkey\\.org|username@domain\\.com|zzzz@[a-z0-9.-]+");
    private static final Pattern ANONYMISED_HOST = Pattern.compile(
            "(?i)(?<![a-z0-9-])(?:[a-z0-9-]+\\.)*(?:domain\\.com|monkey\\.org|spamassassin\\.taint\\.org)");
    private static final String NEUTRAL_ADDRESS = "reader@example.net";
    private static final String NEUTRAL_HOST = "example.net";

    private CorpusMask() {}

    static byte[] apply(byte[] raw) {
        String message = new String(raw, StandardCharsets.ISO_8859_1);
        int end = headerEnd(message);
        String headers = dropFields(message.substring(0, end));
        String masked =
                ANONYMISED_ADDRESS.matcher(headers + message.substring(end)).replaceAll(NEUTRAL_ADDRESS);
        masked = ANONYMISED_HOST.matcher(masked).replaceAll(NEUTRAL_HOST);
        return masked.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The index just past the top-level header block (its blank line kept in the body part). */
    private static int headerEnd(String message) {
        int lf = message.indexOf("\n\n");
        int crlf = message.indexOf("\r\n\r\n");
        if (lf < 0 && crlf < 0) {
            return message.length();
        }
        if (lf < 0 || (crlf >= 0 && crlf < lf)) {
            return crlf + 2;
        }
        return lf + 1;
    }

    /** Drops the listed fields with their folded continuation lines. */
    private static String dropFields(String headers) {
        StringBuilder out = new StringBuilder(headers.length());
        boolean dropping = false;
        for (String line : headers.split("(?<=\n)")) {
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (!continuation) {
                int colon = line.indexOf(':');
                String name = colon < 0 ? "" : line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                dropping = DROPPED.contains(name) || name.startsWith("x-spam-");
            }
            if (!dropping) {
                out.append(line);
            }
        }
        return out.toString();
    }
}
