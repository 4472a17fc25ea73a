package io.palisade.simulator.state;

import java.util.Base64;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Makes identifiers: GUIDs for tenants, users and apps, and long opaque ids in Graph's style for
 * folders and messages. With a seed, the same run makes the same ids.
 */
public final class Ids {

    private final SplittableRandom random;

    public Ids(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A random GUID in lower-case canonical form. */
    public synchronized String guid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /**
     * An opaque Graph-like id: URL-safe base64, starting with {@code AAMk} as Exchange ids do.
     *
     * @param bytes how many random bytes (the id is about 4/3 as long)
     */
    public synchronized String opaque(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return "AAMk" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** A secret of the given length from letters, digits and {@code ~._-}, like Entra client secrets. */
    public synchronized String secret(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
