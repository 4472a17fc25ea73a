package io.palisade.simulator.google;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Google Cloud service account: an email, a numeric client id and an RSA key whose private half is handed out once
 * in a key file, as the Cloud console does.
 */
public final class ServiceAccount {

    private final String email;
    private final String clientId;
    private final String keyId;
    private final KeyPair keys;
    private final String projectId;

    ServiceAccount(String email, String clientId, String keyId, String projectId) {
        this.email = email;
        this.clientId = clientId;
        this.keyId = keyId;
        this.projectId = projectId;
        this.keys = rsa();
    }

    public String email() {
        return email;
    }

    public String clientId() {
        return clientId;
    }

    public String keyId() {
        return keyId;
    }

    RSAPublicKey publicKey() {
        return (RSAPublicKey) keys.getPublic();
    }

    /**
     * The JSON key file fields, as {@code ServiceAccountCredentials.fromStream} reads them.
     *
     * @param tokenUri the simulator's token endpoint, so that the library asks the simulator for tokens
     */
    public Map<String, String> keyFile(String tokenUri) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> file = new LinkedHashMap<>();
        file.put("type", "service_account");
        file.put("project_id", projectId);
        file.put("private_key_id", keyId);
        file.put("private_key", pem);
        file.put("client_email", email);
        file.put("client_id", clientId);
        file.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        file.put("token_uri", tokenUri);
        file.put("universe_domain", "googleapis.com");
        return file;
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is missing from this JVM", e);
        }
    }
}
