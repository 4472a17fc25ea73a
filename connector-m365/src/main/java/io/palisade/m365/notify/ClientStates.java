package io.palisade.m365.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The clientState secrets of subscriptions: random per subscription, stored only as a SHA-256 hash, and compared
 * in constant time, so a leaked database row does not let anyone forge notifications.
 */
public final class ClientStates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientStates() {}

    /** A new random clientState: 43 URL-safe characters, under Graph's 128-character limit. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The lower-case hex SHA-256 of a clientState. */
    public static String hash(String clientState) {
        return HexFormat.of().formatHex(sha256(clientState));
    }

    /** Whether a presented clientState matches a stored hash, in time independent of where they differ. */
    public static boolean matches(String presented, String storedHash) {
        if (presented == null || storedHash == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(storedHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), expected);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
