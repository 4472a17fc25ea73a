package io.palisade.m365;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The installation's Microsoft 365 settings: one multi-tenant app registration, and where Graph and the identity
 * platform are (their public endpoints unless a sovereign cloud or the simulator is used).
 *
 * @param clientId the app registration's client id; null when Microsoft 365 is not configured
 * @param clientSecret the app's secret; never logged
 * @param graphBaseUrl Graph's v1.0 base URL
 * @param authorityHost the identity platform's host, e.g. {@code https://login.microsoftonline.com}
 * @param notificationUrl the public URL of {@code /webhooks/m365}, as Graph must reach it
 * @param lifecycleNotificationUrl the public URL of {@code /webhooks/m365/lifecycle}
 * @param subscriptionLifetime how long a new or renewed mail subscription lives (Graph's maximum is under 7 days)
 */
@ConfigurationProperties("palisade.m365")
public record M365Properties(
        String clientId,
        String clientSecret,
        URI graphBaseUrl,
        URI authorityHost,
        URI notificationUrl,
        URI lifecycleNotificationUrl,
        Duration subscriptionLifetime) {

    public M365Properties {
        graphBaseUrl = graphBaseUrl == null ? URI.create("https://graph.microsoft.com/v1.0") : graphBaseUrl;
        authorityHost = authorityHost == null ? URI.create("https://login.microsoftonline.com") : authorityHost;
        subscriptionLifetime = subscriptionLifetime == null ? Duration.ofDays(3) : subscriptionLifetime;
    }

    /** Whether an app registration is configured. */
    public boolean configured() {
        return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
    }

    @Override
    public String toString() {
        return "M365Properties[clientId=" + clientId + ", graphBaseUrl=" + graphBaseUrl + ", authorityHost="
                + authorityHost + ", notificationUrl=" + notificationUrl + "]";
    }
}
