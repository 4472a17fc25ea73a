package io.palisade.simulator.graph;

import io.palisade.simulator.server.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encrypts resource data for rich notifications as Graph documents it: a fresh AES-256 key per
 * item, AES-CBC with PKCS7 padding and the key's first 16 bytes as IV, an HMAC-SHA256 of the
 * ciphertext, and the key wrapped with RSA-OAEP (SHA-1) for the subscriber's certificate.
 */
final class RichContent {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RichContent() {}

    /** Parses the certificate a subscription carries (base64 DER); null when it is not one. */
    static X509Certificate certificate(String base64) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64);
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The {@code encryptedContent} object for {@code resource}. */
    static ObjectNode encrypt(ObjectNode resource, X509Certificate certificate, String certificateId) {
        try {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
            byte[] data = aes.doFinal(Json.write(resource).getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, certificate.getPublicKey());
            ObjectNode out = Json.object();
            out.put("data", Base64.getEncoder().encodeToString(data));
            out.put("dataSignature", Base64.getEncoder().encodeToString(mac.doFinal(data)));
            out.put("dataKey", Base64.getEncoder().encodeToString(rsa.doFinal(key)));
            out.put("encryptionCertificateId", certificateId);
            out.put("encryptionCertificateThumbprint", thumbprint(certificate));
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt rich notification content", e);
        }
    }

    private static String thumbprint(X509Certificate certificate) throws GeneralSecurityException {
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
        return HexFormat.of().withUpperCase().formatHex(sha1);
    }
}
