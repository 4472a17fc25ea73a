package io.palisade.simulator.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.palisade.simulator.state.Application;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;

/**
 * Checks a certificate client assertion (RFC 7523 JWT bearer client authentication) as Entra ID does: issued by and
 * about the app, for a token endpoint, unexpired; its header names the signing certificate by thumbprint
 * ({@code x5t#S256}, SHA-256, or {@code x5t}, SHA-1, as MSAL sends), that certificate must be registered on the app
 * and within its validity period, and the signature (RS256 or PS256) must verify with its key. Each failure is
 * AADSTS700027 with the reason Entra gives.
 */
final class ClientAssertions {

    /** The assertion type the token endpoint accepts. */
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private static final Duration SKEW = Duration.ofMinutes(5);

    private final Clock clock;

    // Not yet: an assertion's jti is not checked for reuse, so a replayed assertion is accepted until it expires.
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
        X509Certificate key = registeredKey(jwt.getHeader(), app);
        Instant now = clock.instant();
        if (now.isAfter(key.getNotAfter().toInstant())
                || now.isBefore(key.getNotBefore().toInstant())) {
            throw invalidSignature("The key used is expired.");
        }
        if (!signedBy(jwt, key)) {
            throw invalidSignature("The provided signature value did not match the expected signature value.");
        }
    }

    /** The app's certificate the header's thumbprint names. */
    private static X509Certificate registeredKey(JWSHeader header, Application app) {
        Base64URL sha256 = header.getX509CertSHA256Thumbprint();
        @SuppressWarnings("deprecation")
        Base64URL sha1 = header.getX509CertThumbprint();
        if (sha256 == null && sha1 == null) {
            throw invalidSignature(
                    "The key was not found: the header names no certificate thumbprint" + " (x5t#S256 or x5t).");
        }
        // MSAL writes the thumbprint in standard base64, the docs in base64url: both decode to the same digest.
        for (X509Certificate cert : app.certificates()) {
            if ((sha256 != null && Arrays.equals(sha256.decode(), thumbprint(cert, "SHA-256")))
                    || (sha1 != null && Arrays.equals(sha1.decode(), thumbprint(cert, "SHA-1")))) {
                return cert;
            }
        }
        throw invalidSignature("The key was not found., Thumbprint of key used by client: '"
                + (sha256 != null ? sha256 : sha1) + "'. Please visit the Azure Portal, Graph Explorer or directly"
                + " use MS Graph to see configured keys for app Id '" + app.clientId() + "'.");
    }

    private static byte[] thumbprint(X509Certificate cert, String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm).digest(cert.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash a registered certificate", e);
        }
    }

    private static RuntimeException invalidSignature(String reason) {
        return IdentityErrors.error(
                401,
                "invalid_client",
                700027,
                "Client assertion contains an invalid signature. [Reason - " + reason + "]");
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
