package io.palisade.m365.notify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The certificate Graph encrypts rich notifications for, and its private key, read once at start-up from the
 * configured PKCS12 keystore. When rich notifications are enabled and the keystore cannot be read, start-up stops
 * with the reason: subscriptions would otherwise carry a certificate Palisade cannot decrypt for.
 */
@Component
public class RichNotificationKeys {

    private static final Logger LOG = LoggerFactory.getLogger(RichNotificationKeys.class);
    private static final int MAX_CERTIFICATE_ID = 128;

    private final boolean enabled;
    private final String certificateId;
    private final PrivateKey privateKey;
    private final String certificateBase64;

    public RichNotificationKeys(RichNotificationProperties properties) {
        this.enabled = properties.enabled();
        if (!enabled) {
            certificateId = null;
            privateKey = null;
            certificateBase64 = null;
            return;
        }
        certificateId = requireCertificateId(properties.certificateId());
        KeyStore store = load(properties);
        String alias = alias(store, properties.keyAlias());
        privateKey = privateKey(store, alias, password(properties));
        X509Certificate certificate = certificate(store, alias);
        certificateBase64 = encode(certificate);
        LOG.info(
                "event=m365_rich_notifications_enabled certificate_id={} key_bits={} not_after={}",
                certificateId,
                ((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength(),
                certificate.getNotAfter().toInstant());
    }

    /** Whether subscriptions ask for resource data. */
    public boolean enabled() {
        return enabled;
    }

    /** The configured certificate id; null when disabled. */
    public String certificateId() {
        return certificateId;
    }

    /** The certificate, base64 DER as a subscription carries it; null when disabled. */
    public String certificateBase64() {
        return certificateBase64;
    }

    /** The private key of the certificate; null when disabled. */
    PrivateKey privateKey() {
        return privateKey;
    }

    private static String requireCertificateId(String id) {
        if (id == null || id.isBlank() || id.length() > MAX_CERTIFICATE_ID) {
            throw new IllegalStateException("palisade.m365.rich-notifications.certificate-id must be 1 to "
                    + MAX_CERTIFICATE_ID + " characters when rich notifications are enabled");
        }
        return id;
    }

    private static char[] password(RichNotificationProperties properties) {
        return properties.keystorePassword() == null
                ? new char[0]
                : properties.keystorePassword().toCharArray();
    }

    private static KeyStore load(RichNotificationProperties properties) {
        if (properties.keystore() == null) {
            throw new IllegalStateException(
                    "palisade.m365.rich-notifications.keystore is required when rich notifications are enabled");
        }
        try (InputStream in = Files.newInputStream(properties.keystore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password(properties));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // The exception text names the file or the format, never the password.
            throw new IllegalStateException(
                    "cannot read the rich-notification keystore " + properties.keystore() + ": " + e.getMessage(), e);
        }
    }

    private static String alias(KeyStore store, String configured) {
        try {
            if (configured != null) {
                if (!store.isKeyEntry(configured)) {
                    throw new IllegalStateException("the rich-notification keystore has no key entry " + configured);
                }
                return configured;
            }
            List<String> keys = Collections.list(store.aliases()).stream()
                    .filter(a -> isKey(store, a))
                    .toList();
            if (keys.size() != 1) {
                throw new IllegalStateException("the rich-notification keystore holds " + keys.size()
                        + " key entries; set palisade.m365.rich-notifications.key-alias");
            }
            return keys.get(0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot list the rich-notification keystore", e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static PrivateKey privateKey(KeyStore store, String alias, char[] password) {
        try {
            if (store.getKey(alias, password) instanceof PrivateKey key && "RSA".equals(key.getAlgorithm())) {
                return key;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot read the rich-notification key " + alias + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("the rich-notification key " + alias + " is not an RSA private key");
    }

    private static X509Certificate certificate(KeyStore store, String alias) {
        try {
            if (store.getCertificate(alias) instanceof X509Certificate certificate
                    && certificate.getPublicKey() instanceof RSAPublicKey rsa) {
                int bits = rsa.getModulus().bitLength();
                if (bits < 2048 || bits > 4096) {
                    throw new IllegalStateException(
                            "the rich-notification key has " + bits + " bits; Graph takes 2048 to 4096");
                }
                return certificate;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the rich-notification certificate " + alias, e);
        }
        throw new IllegalStateException("the rich-notification entry " + alias + " has no RSA X.509 certificate");
    }

    private static String encode(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the rich-notification certificate", e);
        }
    }
}
