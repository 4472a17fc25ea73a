package io.palisade.detection.analysis.url;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Decodes Proofpoint URL Defense v3 links: {@code https://urldefense.com/v3/__<url>__;<bytes>!!<ids>}. Characters
 * that Proofpoint took out of the URL are replaced by {@code *}; {@code **X} stands for a run whose length the
 * character X encodes; the removed characters follow {@code __;}, base64url-encoded.
 */
final class ProofpointV3 {
    private static final String RUN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final Map<Character, Integer> RUN_LENGTHS = IntStream.range(0, RUN_ALPHABET.length())
            .boxed()
            .collect(Collectors.toUnmodifiableMap(RUN_ALPHABET::charAt, i -> i + 2));
    private static final Pattern PLACEHOLDER = Pattern.compile("\\*(\\*.)?");

    private ProofpointV3() {}

    static String decode(String embedded, String encodedBytes) {
        int[] removed = removedCharacters(encodedBytes);
        Matcher placeholders = PLACEHOLDER.matcher(embedded);
        StringBuilder out = new StringBuilder();
        int next = 0;
        while (placeholders.find()) {
            int length = placeholders.group(1) == null
                    ? 1
                    : RUN_LENGTHS.getOrDefault(placeholders.group(1).charAt(1), 1);
            StringBuilder replacement = new StringBuilder();
            for (int i = 0; i < length && next < removed.length; i++) {
                replacement.appendCodePoint(removed[next++]);
            }
            placeholders.appendReplacement(out, Matcher.quoteReplacement(replacement.toString()));
        }
        placeholders.appendTail(out);
        return out.toString();
    }

    private static int[] removedCharacters(String encodedBytes) {
        String padded = encodedBytes + "=".repeat((4 - encodedBytes.length() % 4) % 4);
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(padded);
            return new String(bytes, StandardCharsets.UTF_8).codePoints().toArray();
        } catch (IllegalArgumentException e) {
            return new int[0];
        }
    }
}
