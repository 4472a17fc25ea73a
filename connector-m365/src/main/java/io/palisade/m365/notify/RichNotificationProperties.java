package io.palisade.m365.notify;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rich notifications (Graph's change notifications with encrypted resource data), off unless enabled. Graph encrypts
 * each notification's data for the certificate given at subscription; the private key stays in the keystore file and
 * never reaches the database or the logs.
 *
 * @param enabled whether subscriptions ask for resource data
 * @param keystore a PKCS12 file holding the certificate and its RSA private key (2048 to 4096 bits); required when
 *     enabled
 * @param keystorePassword the keystore's password, also the key's; a secret, never logged; null for none
 * @param keyAlias the key entry to use; null takes the keystore's only key entry
 * @param certificateId the id Graph repeats in each encrypted item (up to 128 characters); required when enabled
 * @param jwksUrl where the keys that sign validation tokens are published; null means the identity platform's
 *     {@code {authority-host}/common/discovery/keys}, which is Microsoft's unless a simulator is configured
 */
@ConfigurationProperties("palisade.m365.rich-notifications")
public record RichNotificationProperties(
        boolean enabled, Path keystore, String keystorePassword, String keyAlias, String certificateId, URI jwksUrl) {

    @Override
    public String toString() {
        return "RichNotificationProperties[enabled=" + enabled + ", keystore=" + keystore + ", keyAlias=" + keyAlias
                + ", certificateId=" + certificateId + ", jwksUrl=" + jwksUrl + "]";
    }
}
