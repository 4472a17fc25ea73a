package io.palisade.simulator.google;

import java.util.SplittableRandom;
import java.util.function.Predicate;

/** Gmail-shaped identifiers from a seeded source: 16-hex-digit message ids, increasing but gapped history ids. */
final class GoogleIds {

    private final SplittableRandom random;

    GoogleIds(long seed) {
        this.random = new SplittableRandom(seed);
    }

    synchronized String messageId(Predicate<String> taken) {
        String id;
        do {
            id = String.format("18%014x", random.nextLong() & 0xFFFFFFFFFFFFFFL);
        } while (taken.test(id));
        return id;
    }

    synchronized long firstHistoryId() {
        return 1_000 + random.nextInt(9_000);
    }

    synchronized long nextHistoryId(long current) {
        // "History IDs increase chronologically but are not contiguous."
        return current + 1 + random.nextInt(40);
    }

    synchronized String token(int length) {
        StringBuilder out = new StringBuilder(length);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    synchronized long numeric(int digits) {
        long low = (long) Math.pow(10, digits - 1);
        return low + random.nextLong(low * 9);
    }
}
