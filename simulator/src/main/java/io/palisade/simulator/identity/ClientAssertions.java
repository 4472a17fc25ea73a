package io.palisade.simulator.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.palisade.simulator.state.Application;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Checks a certificate client assertion (RFC 7523 JWT bearer client authentication): signed by a
 * certificate registered on the app, issued by and about the app, for a token endpoint, unexpired.
 */
final class ClientAssertions {

    /** The assertion type the token endpoint accepts. */
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private static final Duration SKEW = Duration.ofMinutes(5);

    private final Clock clock;

    ClientAssertions(Clock clock) {
        this.clock = clock;
    }

    /** Throws an identity error when the assertion does not prove the app. */
    void verify(String assertion, Application app) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw IdentityErrors.error(400, "invalid_request", 50027, "JWT token is invalid or malformed.");
        }
        if (!app.clientId().equals(claims.getIssuer()) || !app.clientId().equals(claims.getSubject())) {
            throw IdentityErrors.error(
                    401,
                    "invalid_client",
                    700021,
                    "Client assertion application identifier doesn't match 'client_id' parameter.");
        }
        checkAudience(claims);
        checkTime(claims);
        if (app.certificates().stream().noneMatch(cert -> signedBy(jwt, cert))) {
            throw IdentityErrors.error(
                    401,
                    "invalid_client",
                    700027,
                    "The certificate with identifier used to sign the client assertion is not registered on"
                            + " application.");
        }
    }

    private static void checkAudience(JWTClaimsSet claims) {
        boolean tokenEndpoint = claims.getAudience() != null
                && claims.getAudience().stream()
                        .anyMatch(aud -> aud.endsWith("/oauth2/v2.0/token") || aud.endsWith("/oauth2/token"));
        if (!tokenEndpoint) {
            throw IdentityErrors.error(
                    401, "invalid_client", 700016, "The audience of the client assertion is not a token endpoint.");
        }
    }

    private void checkTime(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date nbf = claims.getNotBeforeTime();
        boolean expired = exp == null || now.isAfter(exp.toInstant().plus(SKEW));
        boolean early = nbf != null && now.isBefore(nbf.toInstant().minus(SKEW));
        if (expired || early) {
            throw IdentityErrors.error(
                    401, "invalid_client", 700024, "Client assertion is not within its valid time range.");
        }
    }

    private static boolean signedBy(SignedJWT jwt, X509Certificate cert) {
        try {
            return cert.getPublicKey() instanceof RSAPublicKey key && jwt.verify(new RSASSAVerifier(key));
        } catch (JOSEException e) {
            return false;
        }
    }
}
