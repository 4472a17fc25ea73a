package io.palisade.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets for storage with AES-256-GCM: a random 96-bit nonce per value and a 128-bit tag.
 *
 * <p>A stored value reads {@code v1:<key id>:<base64url(nonce, ciphertext and tag)>}. The key id is derived from
 * the key, so keys rotate by configuring a new {@code palisade.secrets.key} and keeping the old one in
 * {@code palisade.secrets.previous-keys}: values under old keys still decrypt, new values use the new key, and
 * {@link #needsReencryption} finds the values to rewrite. The caller's context (for example the tenant and the
 * column) is bound to the value as associated data, so a value copied to another tenant's row does not decrypt.
 *
 * <p>Thread-safe. Neither plaintexts nor keys ever appear in messages or {@link #toString()}.
 */
public final class SecretCipher {

    static final String VERSION = "v1";
    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecureRandom random = new SecureRandom();
    private final String currentKeyId;
    private final Map<String, SecretKey> keysById;

    /**
     * @param currentKey the 32-byte key new values are encrypted with
     * @param previousKeys 32-byte keys that only decrypt, never null (may be empty)
     * @throws IllegalArgumentException if a key is not 32 bytes long
     */
    public SecretCipher(byte[] currentKey, List<byte[]> previousKeys) {
        this.currentKeyId = keyId(checkLength(currentKey));
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        keys.put(currentKeyId, new SecretKeySpec(currentKey, "AES"));
        for (byte[] previous : previousKeys) {
            keys.putIfAbsent(keyId(checkLength(previous)), new SecretKeySpec(previous, "AES"));
        }
        this.keysById = Map.copyOf(keys);
    }

    /**
     * Encrypts {@code plaintext} under the current key.
     *
     * @param plaintext the secret, never null
     * @param context what the value belongs to (for example {@code provider-connection:<tenant id>}); the same
     *     context must be given to decrypt it; never null
     */
    public String encrypt(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keysById.get(currentKeyId), nonce, currentKeyId, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] stored = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, stored, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, stored, NONCE_BYTES, sealed.length);
            return VERSION + ":" + currentKeyId + ":"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts a value made by {@link #encrypt} with the same context.
     *
     * @throws SecretDecryptionException if the value is malformed, its key is not configured, or it was altered or
     *     belongs to another context
     */
    public String decrypt(String stored, String context) {
        String[] parts = stored == null ? new String[0] : stored.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new SecretDecryptionException("not an encrypted secret of format " + VERSION);
        }
        SecretKey key = keysById.get(parts[1]);
        if (key == null) {
            throw new SecretDecryptionException("the secret was encrypted with key " + parts[1]
                    + ", which is neither palisade.secrets.key nor one of palisade.secrets.previous-keys");
        }
        try {
            byte[] sealed = Base64.getUrlDecoder().decode(parts[2]);
            if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new SecretDecryptionException("the encrypted secret is truncated");
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, sealed, parts[1], context);
            byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new SecretDecryptionException(
                    "the encrypted secret does not authenticate: altered, or stored for another context", e);
        }
    }

    /** Whether a stored value was encrypted under a previous key and should be encrypted again. */
    public boolean needsReencryption(String stored) {
        return !stored.startsWith(VERSION + ":" + currentKeyId + ":");
    }

    /** The id of the current key, as it appears in stored values: safe to log. */
    public String currentKeyId() {
        return currentKeyId;
    }

    @Override
    public String toString() {
        return "SecretCipher[currentKeyId=" + currentKeyId + ", keys=" + keysById.size() + "]";
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonceSource, String keyId, String context)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonceSource, 0, NONCE_BYTES));
        cipher.updateAAD((VERSION + ":" + keyId + ":" + context).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] checkLength(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    "an AES-256 key has 32 bytes, got " + (key == null ? "none" : key.length + " bytes"));
        }
        return key;
    }

    // A short fingerprint: enough to tell a handful of configured keys apart, far too short to reveal the key.
    private static String keyId(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("palisade-secret-key-id".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(key), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
