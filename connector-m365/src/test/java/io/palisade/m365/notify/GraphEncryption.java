package io.palisade.m365.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The sender's side of rich-notification encryption, as Graph documents it, for tests that make their own items. */
public final class GraphEncryption {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GraphEncryption() {}

    /** An {@code encryptedContent} object holding {@code resourceJson}, encrypted for {@code certificate}. */
    public static ObjectNode encrypt(String resourceJson, X509Certificate certificate, String certificateId)
            throws GeneralSecurityException {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
        byte[] data = aes.doFinal(resourceJson.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, certificate.getPublicKey());
        return JSON.createObjectNode()
                .put("data", Base64.getEncoder().encodeToString(data))
                .put("dataSignature", Base64.getEncoder().encodeToString(mac.doFinal(data)))
                .put("dataKey", Base64.getEncoder().encodeToString(rsa.doFinal(key)))
                .put("encryptionCertificateId", certificateId)
                .put("encryptionCertificateThumbprint", "test");
    }

    /** The same content with one bit of its signature flipped. */
    public static ObjectNode withTamperedSignature(ObjectNode content) {
        byte[] signature =
                Base64.getDecoder().decode(content.get("dataSignature").asString());
        signature[0] ^= 1;
        return content.deepCopy().put("dataSignature", Base64.getEncoder().encodeToString(signature));
    }
}
