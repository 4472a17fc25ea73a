package io.palisade.m365.notify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.palisade.m365.M365Properties;
import io.palisade.m365.graph.GraphTrust;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLSocketFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Checks the {@code validationTokens} of a rich-notification batch as Graph's documentation asks: each a JWT signed
 * by the identity platform (RS256, a key of the published key set), not expired, for this app ({@code aud}), issued
 * for a tenant ({@code iss} {@code https://sts.windows.net/{tenant}/}) by Graph's change-notification publisher
 * ({@code appid}).
 *
 * <p>Cheap on the webhook's hot path: the key set is cached (12 hours) and fetched again at once, at most twice a
 * second, when a token names a key it does not hold, which is how a rotation shows; and a token already verified is
 * remembered until it expires, since Graph sends the same token with many batches.
 */
@Component
public class ValidationTokens {

    /** The app id of Graph's change-notification publisher, the {@code appid} of every genuine token. */
    public static final String GRAPH_PUBLISHER_APP_ID = "0bf30f3b-4a52-48df-9a82-234910c4a086";

    private static final String ISSUER_PREFIX = "https://sts.windows.net/";
    private static final int MAX_REMEMBERED = 10_000;
    private static final Duration KEYS_LIFETIME = Duration.ofHours(12);
    private static final Duration KEYS_FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration KEYS_REFRESH_MIN_INTERVAL = Duration.ofSeconds(1);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final URI jwksUrl;
    private final Clock clock;

    @Autowired
    public ValidationTokens(
            M365Properties m365, RichNotificationProperties properties, ObjectProvider<GraphTrust> trust, Clock clock) {
        this(
                properties.jwksUrl() != null
                        ? properties.jwksUrl()
                        : URI.create(m365.authorityHost().toString().replaceAll("/+$", "") + "/common/discovery/keys"),
                // Without an app registration no token can be for us: an audience no token carries refuses them all.
                m365.clientId() == null ? "unconfigured-" + UUID.randomUUID() : m365.clientId(),
                trust.getIfAvailable() == null
                        ? null
                        : trust.getIfAvailable().sslContext().getSocketFactory(),
                clock);
    }

    /**
     * @param jwksUrl the published key set
     * @param appId the audience every token must name
     * @param sockets the TLS sockets for the key set; null for the JVM's default trust
     */
    ValidationTokens(URI jwksUrl, String appId, SSLSocketFactory sockets, Clock clock) {
        this.jwksUrl = jwksUrl;
        this.clock = clock;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keySource(sockets)));
        processor.setJWTClaimsSetVerifier(claimsVerifier(appId));
    }

    /** Where the signing keys are read from. */
    public URI jwksUrl() {
        return jwksUrl;
    }

    /**
     * Verifies every token of a batch.
     *
     * @return the Microsoft tenant ids the tokens were issued for
     * @throws InvalidValidationTokenException naming the first check a token failed
     * @throws ValidationKeysUnavailableException when the key set could not be read: no token could be checked
     */
    public Set<String> verify(List<String> tokens) {
        Set<String> tenants = new HashSet<>();
        for (String token : tokens) {
            tenants.add(verifyOne(token));
        }
        return tenants;
    }

    private String verifyOne(String token) {
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null && now.isBefore(known.expiresAt())) {
            return known.tenantId();
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidValidationTokenException("token_not_a_jwt", e);
        } catch (BadJOSEException e) {
            throw new InvalidValidationTokenException("token_refused: " + e.getMessage(), e);
        } catch (KeySourceException e) {
            throw new ValidationKeysUnavailableException(
                    "cannot read the key set " + jwksUrl + ": " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new InvalidValidationTokenException("token_not_verifiable: " + e.getMessage(), e);
        }
        String tenantId = tenantOf(claims.getIssuer());
        remember(token, new Verified(tenantId, claims.getExpirationTime().toInstant()), now);
        return tenantId;
    }

    private static String tenantOf(String issuer) {
        if (issuer == null || !issuer.startsWith(ISSUER_PREFIX) || !issuer.endsWith("/")) {
            throw new InvalidValidationTokenException("token_issuer_not_sts: " + issuer, null);
        }
        String tenant = issuer.substring(ISSUER_PREFIX.length(), issuer.length() - 1);
        if (tenant.isEmpty() || tenant.contains("/")) {
            throw new InvalidValidationTokenException("token_issuer_not_sts: " + issuer, null);
        }
        return tenant;
    }

    private void remember(String token, Verified entry, Instant now) {
        if (verified.size() >= MAX_REMEMBERED) {
            verified.values().removeIf(v -> !now.isBefore(v.expiresAt()));
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
        }
        verified.put(token, entry);
    }

    private JWKSource<SecurityContext> keySource(SSLSocketFactory sockets) {
        int timeout = (int) KEYS_FETCH_TIMEOUT.toMillis();
        DefaultResourceRetriever retriever =
                new DefaultResourceRetriever(timeout, timeout, JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT, true, sockets);
        URL url;
        try {
            url = jwksUrl.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("palisade.m365.rich-notifications.jwks-url is not a URL: " + jwksUrl, e);
        }
        return JWKSourceBuilder.<SecurityContext>create(url, retriever)
                .cache(KEYS_LIFETIME.toMillis(), KEYS_FETCH_TIMEOUT.toMillis())
                .rateLimited(KEYS_REFRESH_MIN_INTERVAL.toMillis())
                .build();
    }

    private DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(String appId) {
        JWTClaimsSet exact = new JWTClaimsSet.Builder()
                .claim("appid", GRAPH_PUBLISHER_APP_ID)
                .build();
        return new DefaultJWTClaimsVerifier<>(appId, exact, Set.of("aud", "iss", "exp", "appid")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
    }

    private record Verified(String tenantId, Instant expiresAt) {}
}
