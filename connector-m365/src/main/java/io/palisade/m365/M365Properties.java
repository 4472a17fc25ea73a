package io.palisade.m365;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * The installation's Microsoft 365 settings: one multi-tenant app registration, and where Graph and the identity
 * platform are (their public endpoints unless a sovereign cloud or the simulator is used).
 *
 * @param clientId the app registration's client id; null when Microsoft 365 is not configured
 * @param clientSecret the app's secret; null when it proves itself with a certificate; never logged
 * @param graphBaseUrl Graph's v1.0 base URL
 * @param authorityHost the identity platform's host, e.g. {@code https://login.microsoftonline.com}
 * @param notificationUrl the public URL of {@code /webhooks/m365}, as Graph must reach it
 * @param lifecycleNotificationUrl the public URL of {@code /webhooks/m365/lifecycle}
 * @param subscriptionLifetime how long a new or renewed mail subscription lives (Graph's maximum is under 7 days)
 * @param clientCertificate a PEM file (private key and certificate) or a PFX/PKCS12 file ({@code .pfx}, {@code .p12})
 *     whose certificate is registered on the app; when set it is used instead of the secret; null otherwise
 * @param clientCertificatePassword the PFX file's password; null for a PEM file or a PFX without one; never logged
 */
@ConfigurationProperties("palisade.m365")
public record M365Properties(
        String clientId,
        String clientSecret,
        URI graphBaseUrl,
        URI authorityHost,
        URI notificationUrl,
        URI lifecycleNotificationUrl,
        Duration subscriptionLifetime,
        Path clientCertificate,
        String clientCertificatePassword) {

    @ConstructorBinding
    public M365Properties {
        graphBaseUrl = graphBaseUrl == null ? URI.create("https://graph.microsoft.com/v1.0") : graphBaseUrl;
        authorityHost = authorityHost == null ? URI.create("https://login.microsoftonline.com") : authorityHost;
        subscriptionLifetime = subscriptionLifetime == null ? Duration.ofDays(3) : subscriptionLifetime;
        clientSecret = clientSecret == null || clientSecret.isBlank() ? null : clientSecret;
        if (hasText(clientId) && clientSecret == null && clientCertificate == null) {
            throw new IllegalArgumentException("palisade.m365.client-id is set but neither"
                    + " palisade.m365.client-secret nor palisade.m365.client-certificate: the app cannot prove itself"
                    + " to a tenant; set one of them (or unset client-id to run without Microsoft 365)");
        }
    }

    /** A secret-based app registration with no certificate, as the demo and most tests have. */
    public M365Properties(
            String clientId,
            String clientSecret,
            URI graphBaseUrl,
            URI authorityHost,
            URI notificationUrl,
            URI lifecycleNotificationUrl,
            Duration subscriptionLifetime) {
        this(
                clientId,
                clientSecret,
                graphBaseUrl,
                authorityHost,
                notificationUrl,
                lifecycleNotificationUrl,
                subscriptionLifetime,
                null,
                null);
    }

    /** Whether an app registration is configured, with a secret or a certificate. */
    public boolean configured() {
        return hasText(clientId) && (clientSecret != null || clientCertificate != null);
    }

    /** Whether the app proves itself with a certificate rather than its secret. */
    public boolean usesCertificate() {
        return clientCertificate != null;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "M365Properties[clientId=" + clientId + ", credential=" + (usesCertificate() ? "certificate" : "secret")
                + ", graphBaseUrl=" + graphBaseUrl + ", authorityHost=" + authorityHost + ", notificationUrl="
                + notificationUrl + "]";
    }
}
