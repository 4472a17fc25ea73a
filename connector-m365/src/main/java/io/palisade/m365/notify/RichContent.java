package io.palisade.m365.notify;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/**
 * Decrypts the {@code encryptedContent} of one rich notification as Graph's documentation prescribes: the per-item
 * symmetric key unwrapped with RSA-OAEP, the HMAC-SHA256 of the ciphertext compared with {@code dataSignature} in
 * constant time before anything is decrypted, then AES-CBC with PKCS7 padding and the key's first 16 bytes as IV.
 */
final class RichContent {

    private RichContent() {}

    /**
     * The resource JSON of one item, as UTF-8 bytes.
     *
     * @throws RichContentException naming why the item cannot be trusted; it must not be processed
     */
    static byte[] decrypt(JsonNode encryptedContent, RichNotificationKeys keys) {
        if (!keys.enabled()) {
            throw new RichContentException("rich_notifications_disabled", true);
        }
        String certificateId = encryptedContent.path("encryptionCertificateId").asString("");
        if (!keys.certificateId().equals(certificateId)) {
            throw new RichContentException("unknown_certificate_id", true);
        }
        byte[] data = base64(encryptedContent, "data");
        byte[] signature = base64(encryptedContent, "dataSignature");
        byte[] key = unwrap(base64(encryptedContent, "dataKey"), keys);
        if (!MessageDigest.isEqual(hmac(key, data), signature)) {
            throw new RichContentException("signature_mismatch");
        }
        return aes(key, data);
    }

    private static byte[] base64(JsonNode content, String field) {
        String text = content.path(field).asString("");
        if (text.isEmpty()) {
            throw new RichContentException("missing_" + field);
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new RichContentException("bad_base64_" + field);
        }
    }

    private static byte[] unwrap(byte[] dataKey, RichNotificationKeys keys) {
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            rsa.init(Cipher.DECRYPT_MODE, keys.privateKey());
            byte[] key = rsa.doFinal(dataKey);
            if (key.length < 16) {
                throw new RichContentException("data_key_too_short");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new RichContentException("data_key_not_decryptable");
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }

    private static byte[] aes(byte[] key, byte[] data) {
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
            return aes.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new RichContentException("data_not_decryptable");
        }
    }
}
