package io.palisade.core.campaign;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * 64-bit SimHash (Charikar, 2002) over the words of a text, every word that holds a digit counted as one word,
 * so that "Invoice 4471" and "Invoice 9120" look alike. Near-duplicate texts differ in few bits; {@link #distance}
 * counts them.
 */
public final class SimHash {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern DIGITS = Pattern.compile("\\p{N}+");
    // Single words: mail is short, and a changed word then moves few bits (longer shingles spread it over more).
    private static final int SHINGLE = 1;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private SimHash() {}

    /** The fingerprint of {@code text}; 0 for a text without words. */
    public static long of(String text) {
        String[] words = NON_WORD.splitAsStream(text.toLowerCase(Locale.ROOT))
                .filter(word -> !word.isEmpty())
                // Invoice numbers, tracking ids and dates differ between copies of one campaign: any word with a
                // digit counts as the same word.
                .map(word -> DIGITS.matcher(word).find() ? "0" : word)
                .toArray(String[]::new);
        if (words.length == 0) {
            return 0;
        }
        int[] weights = new int[64];
        int shingles = Math.max(1, words.length - SHINGLE + 1);
        for (int i = 0; i < shingles; i++) {
            long hash = fnv(String.join(" ", Arrays.copyOfRange(words, i, Math.min(words.length, i + SHINGLE))));
            for (int bit = 0; bit < 64; bit++) {
                weights[bit] += (hash >>> bit & 1) == 1 ? 1 : -1;
            }
        }
        long fingerprint = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (weights[bit] > 0) {
                fingerprint |= 1L << bit;
            }
        }
        return fingerprint;
    }

    /** How many bits two fingerprints differ in, 0 to 64. */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    private static long fnv(String value) {
        long hash = FNV_OFFSET;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }
}
