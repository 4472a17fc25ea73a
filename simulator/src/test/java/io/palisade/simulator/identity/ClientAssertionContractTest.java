package io.palisade.simulator.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The token endpoint takes a certificate client assertion as Entra ID does: the header's thumbprint names a
 * certificate registered on the app, current, whose key made the signature.
 */
class ClientAssertionContractTest {

    @RegisterExtension
    static SimulatorExtension sim = new SimulatorExtension();

    @Test
    void issuesATokenForAnAssertionNamingARegisteredCertificateInEitherThumbprintEncoding() throws Exception {
        SimTenant tenant = sim.control().createTenant("certified-" + shortId() + ".example", Set.of("Mail.Read"));
        KeyPair key = rsa();
        X509Certificate certificate = register(tenant, key, Duration.ofDays(30));
        String sha256 = Base64.getEncoder().encodeToString(digest("SHA-256", certificate));

        HttpResponse<String> msalStyle = token(tenant, assertion(tenant, key, new Base64URL(sha256)));
        HttpResponse<String> docsStyle =
                token(tenant, assertion(tenant, key, Base64URL.encode(digest("SHA-256", certificate))));

        assertThat(msalStyle.statusCode()).isEqualTo(200);
        assertThat(msalStyle.body()).contains("access_token");
        assertThat(docsStyle.statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAnAssertionSignedByAnotherKeyThanTheNamedCertificates() throws Exception {
        SimTenant tenant = sim.control().createTenant("forged-" + shortId() + ".example", Set.of("Mail.Read"));
        X509Certificate certificate = register(tenant, rsa(), Duration.ofDays(30));

        HttpResponse<String> response =
                token(tenant, assertion(tenant, rsa(), Base64URL.encode(digest("SHA-256", certificate))));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("AADSTS700027").contains("did not match the expected signature");
    }

    @Test
    void refusesAnAssertionNamingAnUnregisteredCertificateOrNone() throws Exception {
        SimTenant tenant = sim.control().createTenant("unknown-" + shortId() + ".example", Set.of("Mail.Read"));
        register(tenant, rsa(), Duration.ofDays(30));
        KeyPair stranger = rsa();
        X509Certificate unregistered = selfSigned(stranger, Instant.now(), Duration.ofDays(30));

        HttpResponse<String> unknown =
                token(tenant, assertion(tenant, stranger, Base64URL.encode(digest("SHA-256", unregistered))));
        HttpResponse<String> unnamed = token(tenant, assertion(tenant, stranger, null));

        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).contains("AADSTS700027").contains("The key was not found");
        assertThat(unnamed.statusCode()).isEqualTo(401);
        assertThat(unnamed.body()).contains("AADSTS700027");
    }

    @Test
    void refusesAnAssertionSignedWithAnExpiredCertificate() throws Exception {
        SimTenant tenant = sim.control().createTenant("expired-" + shortId() + ".example", Set.of("Mail.Read"));
        KeyPair key = rsa();
        X509Certificate expired = selfSigned(key, Instant.now().minus(Duration.ofDays(60)), Duration.ofDays(30));
        sim.control().addApplicationCertificate(tenant.clientId(), pem(expired));

        HttpResponse<String> response =
                token(tenant, assertion(tenant, key, Base64URL.encode(digest("SHA-256", expired))));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("AADSTS700027").contains("expired");
    }

    private static X509Certificate register(SimTenant tenant, KeyPair key, Duration validity) throws Exception {
        X509Certificate certificate = selfSigned(key, Instant.now().minus(Duration.ofMinutes(1)), validity);
        sim.control().addApplicationCertificate(tenant.clientId(), pem(certificate));
        return certificate;
    }

    private static String assertion(SimTenant tenant, KeyPair key, Base64URL sha256Thumbprint) throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT);
        if (sha256Thumbprint != null) {
            header.x509CertSHA256Thumbprint(sha256Thumbprint);
        }
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .audience(sim.authorityHost() + tenant.tenantId() + "/oauth2/v2.0/token")
                .issuer(tenant.clientId())
                .subject(tenant.clientId())
                .jwtID(UUID.randomUUID().toString())
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .build();
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        jwt.sign(new RSASSASigner(key.getPrivate()));
        return jwt.serialize();
    }

    private static HttpResponse<String> token(SimTenant tenant, String assertion) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + encode(tenant.clientId())
                + "&scope=" + encode("https://graph.microsoft.com/.default")
                + "&client_assertion_type=" + encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + encode(assertion);
        HttpClient http = HttpClient.newBuilder().sslContext(sim.sslContext()).build();
        return http.send(
                HttpRequest.newBuilder(URI.create(sim.authorityHost() + tenant.tenantId() + "/oauth2/v2.0/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate selfSigned(KeyPair key, Instant from, Duration validity) throws Exception {
        X500Name name = new X500Name("CN=palisade-app-test");
        return new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                name,
                                BigInteger.valueOf(System.nanoTime()),
                                Date.from(from),
                                Date.from(from.plus(validity)),
                                name,
                                key.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
    }

    private static byte[] digest(String algorithm, X509Certificate certificate) throws Exception {
        return MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
