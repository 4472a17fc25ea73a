package io.palisade.simulator.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.palisade.simulator.server.KeyPairs;
import io.palisade.simulator.state.Ids;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
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

/**
 * Issues and verifies the JWTs of the simulated Microsoft identity platform: Graph access tokens
 * (v1 format, as Entra issues for Graph) and the validation tokens of rich notifications.
 */
public final class TokenService {

    private static final int MAX_VERIFIED = 10_000;

    /** The audience of Graph tokens. */
    public static final String GRAPH_AUDIENCE = "https://graph.microsoft.com";

    /** The app id that signs rich notifications' validation tokens, per Graph's documentation. */
    public static final String NOTIFICATION_PUBLISHER_APP_ID = "0bf30f3b-4a52-48df-9a82-234910c4a086";

    private static final Duration LIFETIME = Duration.ofSeconds(3599);

    private final RSAKey signingKey;
    // Tokens whose signature and audience were checked: a client sends the same token for its whole life, and an
    // RSA check on every request would make the simulator, not the client, the cost a benchmark measures.
    private final Map<String, AccessToken> verified = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Ids ids;

    public TokenService(Clock clock, Ids ids) {
        this.clock = clock;
        this.ids = ids;
        KeyPair pair = KeyPairs.identity();
        this.signingKey = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey(pair.getPrivate())
                .keyID(ids.opaque(12).substring(4))
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .build();
    }

    /** The published keys, as {@code /discovery/v2.0/keys} serves them. */
    public String jwksJson() {
        return new JWKSet(signingKey.toPublicJWK()).toString();
    }

    /** How long an access token lives. */
    public Duration lifetime() {
        return LIFETIME;
    }

    /**
     * Issues an app-only Graph token.
     *
     * @param certificateAuth whether the app proved itself with a certificate ({@code appidacr} 2) rather
     *     than a secret (1)
     */
    public String issueGraphToken(
            String tenantId, String clientId, String appName, Set<String> roles, boolean certificateAuth) {
        Instant now = clock.instant();
        String issuer = "https://sts.windows.net/" + tenantId + "/";
        String objectId = UUID.nameUUIDFromBytes((tenantId + "/" + clientId).getBytes(StandardCharsets.UTF_8))
                .toString();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .audience(GRAPH_AUDIENCE)
                .issuer(issuer)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .subject(objectId)
                .claim("app_displayname", appName)
                .claim("appid", clientId)
                .claim("appidacr", certificateAuth ? "2" : "1")
                .claim("idp", issuer)
                .claim("idtyp", "app")
                .claim("oid", objectId)
                .claim("tid", tenantId)
                .claim("uti", ids.opaque(16).substring(4))
                .claim("ver", "1.0");
        if (!roles.isEmpty()) {
            claims.claim("roles", List.copyOf(roles));
        }
        return sign(claims.build());
    }

    /** A validation token for rich notifications sent to {@code appId} in {@code tenantId}. */
    public String issueValidationToken(String tenantId, String appId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .audience(appId)
                .issuer("https://sts.windows.net/" + tenantId + "/")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("appid", NOTIFICATION_PUBLISHER_APP_ID)
                .claim("appidacr", "2")
                .claim("tid", tenantId)
                .claim("ver", "1.0")
                .build();
        return sign(claims);
    }

    private String sign(JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(signingKey.getKeyID())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /**
     * Verifies a Graph access token: signature, audience and lifetime.
     *
     * @throws InvalidTokenException naming what is wrong, in Graph's words
     */
    public AccessToken verifyGraphToken(String token) {
        AccessToken known = verified.get(token);
        if (known == null) {
            known = verifySignedToken(token);
            if (verified.size() >= MAX_VERIFIED) {
                verified.clear();
            }
            verified.put(token, known);
        }
        if (!clock.instant().isBefore(known.expiresAt())) {
            throw new InvalidTokenException("Lifetime validation failed, the token is expired.");
        }
        return known;
    }

    private AccessToken verifySignedToken(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException("IDX14100: JWT is not well formed.");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(signingKey.toRSAPublicKey()))) {
                throw new InvalidTokenException("Invalid signature.");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("Invalid signature.");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(GRAPH_AUDIENCE)) {
            throw new InvalidTokenException("Invalid audience.");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || !now.isBefore(exp.toInstant())) {
            throw new InvalidTokenException("Lifetime validation failed, the token is expired.");
        }
        try {
            List<String> roles = claims.getStringListClaim("roles");
            return new AccessToken(
                    claims.getStringClaim("tid"),
                    claims.getStringClaim("appid"),
                    roles == null ? Set.of() : new HashSet<>(roles),
                    exp.toInstant());
        } catch (ParseException e) {
            throw new InvalidTokenException("IDX14100: JWT is not well formed.");
        }
    }

    /** A token was refused; the message says why in Graph's words. */
    public static final class InvalidTokenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidTokenException(String message) {
            super(message);
        }
    }
}
