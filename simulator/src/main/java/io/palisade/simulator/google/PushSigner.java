package io.palisade.simulator.google;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The key the simulator signs Pub/Sub push tokens with, published the two ways Google publishes its own: as a JWK set
 * ({@code /oauth2/v3/certs}) and as PEM certificates by key id ({@code /oauth2/v1/certs}), which Google's
 * {@code GoogleIdTokenVerifier} reads.
 */
public final class PushSigner {

    /** The issuer of Google-signed ID tokens. */
    public static final String ISSUER = "https://accounts.google.com";

    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final String keyId;
    private final KeyPair keys;
    private final X509Certificate certificate;

    PushSigner(String keyId, Instant now) {
        this.keyId = keyId;
        this.keys = rsa();
        this.certificate = selfSigned(keys, now);
    }

    /** An OIDC token as Pub/Sub sends with an authenticated push. */
    public String idToken(String audience, String serviceAccountEmail, String subject, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .subject(subject)
                .claim("azp", subject)
                .claim("email", serviceAccountEmail)
                .claim("email_verified", true)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(keyId)
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a push token", e);
        }
        return jwt.serialize();
    }

    /** {@code {"keys": [...]}}, the JWK set. */
    public Map<String, Object> jwks() {
        RSAKey jwk = new RSAKey.Builder((RSAPublicKey) keys.getPublic())
                .keyID(keyId)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .build();
        return Map.of("keys", java.util.List.of(jwk.toJSONObject()));
    }

    /** {@code {"<kid>": "-----BEGIN CERTIFICATE-----..."}}, the v1 certificate map. */
    public Map<String, String> pemCertificates() {
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            return Map.of(keyId, pem);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("could not encode the push certificate", e);
        }
    }

    public String keyId() {
        return keyId;
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

    private static X509Certificate selfSigned(KeyPair keys, Instant now) {
        X500Name name = new X500Name("CN=federated-signon.system.gserviceaccount.com");
        try {
            var builder = new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))),
                    name,
                    keys.getPublic());
            var signer = new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("could not make the push certificate", e);
        }
    }
}
