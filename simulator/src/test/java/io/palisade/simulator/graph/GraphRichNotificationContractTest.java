package io.palisade.simulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.palisade.simulator.Fixtures;
import io.palisade.simulator.WebhookReceiver;
import io.palisade.simulator.control.DeliveredMessage;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import io.palisade.simulator.server.Json;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Rich notifications decrypted exactly as Microsoft's documentation tells a receiver to (RSA-OAEP key, HMAC-SHA256
 * check, AES-CBC with the key's first 16 bytes as IV), and their validation tokens checked as it says.
 */
class GraphRichNotificationContractTest {

    static final String PUBLISHER = "0bf30f3b-4a52-48df-9a82-234910c4a086";

    @RegisterExtension
    static SimulatorExtension sim = new SimulatorExtension();

    static SimTenant tenant;
    static GraphServiceClient graph;
    static WebhookReceiver webhook;
    static KeyPair keys;
    static X509Certificate certificate;

    @BeforeAll
    static void tenantAndCertificate() throws Exception {
        tenant = sim.control().createTenant("rich.onmicrosoft.com");
        graph = sim.graphClient(tenant);
        webhook = new WebhookReceiver();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        Instant now = Instant.now();
        certificate = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                new X500Name("CN=palisade-notifications"),
                                BigInteger.ONE,
                                Date.from(now.minusSeconds(60)),
                                Date.from(now.plus(Duration.ofDays(30))),
                                new X500Name("CN=palisade-notifications"),
                                keys.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    @AfterAll
    static void closeEndpoint() {
        webhook.close();
    }

    @Test
    void encryptedContentDecryptsToTheSelectedMessageProperties() throws Exception {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "rita", "Rita Rich");
        Subscription created = graph.subscriptions().post(richSubscription(mailbox));
        DeliveredMessage m = sim.control()
                .deliver(tenant.tenantId(), mailbox.id(), Fixtures.message("<rich-1@x>", "Encrypted subject"));

        JsonNode post = awaitPost(created.getId());
        JsonNode item = post.get("value").get(0);
        JsonNode content = item.get("encryptedContent");
        byte[] data = Base64.getDecoder().decode(content.get("data").asString());

        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA1AndMGF1Padding");
        rsa.init(Cipher.DECRYPT_MODE, keys.getPrivate());
        byte[] key =
                rsa.doFinal(Base64.getDecoder().decode(content.get("dataKey").asString()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] signature = mac.doFinal(data);
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5PADDING");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
        JsonNode message = Json.mapper().readTree(aes.doFinal(data));

        assertThat(Base64.getEncoder().encodeToString(signature))
                .isEqualTo(content.get("dataSignature").asString());
        assertThat(content.get("encryptionCertificateId").asString()).isEqualTo("palisade-cert-1");
        assertThat(content.get("encryptionCertificateThumbprint").asString())
                .isEqualTo(HexFormat.of()
                        .withUpperCase()
                        .formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded())));
        assertThat(message.get("id").asString()).isEqualTo(m.id());
        assertThat(message.get("subject").asString()).isEqualTo("Encrypted subject");
        assertThat(message.at("/from/emailAddress/address").asString()).isEqualTo("carol@fabrikam.example");
        assertThat(message.has("body")).as("only the $select-ed properties").isFalse();
    }

    @Test
    void validationTokensAreSignedForTheAppByTheNotificationPublisher() throws Exception {
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "vera", "Vera Token");
        Subscription created = graph.subscriptions().post(richSubscription(mailbox));
        sim.control().deliver(tenant.tenantId(), mailbox.id(), Fixtures.message("<rich-2@x>", "Token"));

        JsonNode post = awaitPost(created.getId());
        SignedJWT token = SignedJWT.parse(post.get("validationTokens").get(0).asString());
        HttpResponse<String> keysResponse = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sim.httpBaseUrl() + "/common/discovery/keys"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        RSAKey signingKey = (RSAKey) JWKSet.parse(keysResponse.body())
                .getKeyByKeyId(token.getHeader().getKeyID());
        JWTClaimsSet claims = token.getJWTClaimsSet();

        assertThat(post.get("validationTokens")).hasSize(1);
        assertThat(token.verify(new RSASSAVerifier(signingKey))).isTrue();
        assertThat(claims.getAudience()).containsExactly(tenant.clientId());
        assertThat(claims.getIssuer()).isEqualTo("https://sts.windows.net/" + tenant.tenantId() + "/");
        assertThat(claims.getStringClaim("appid")).isEqualTo(PUBLISHER);
        assertThat(claims.getExpirationTime()).isInTheFuture();
    }

    private static JsonNode awaitPost(String subscriptionId) {
        webhook.await(n -> subscriptionId.equals(n.get("subscriptionId").asString()), 1, Duration.ofSeconds(10));
        return webhook.posts().stream()
                .filter(p ->
                        p.get("value").get(0).get("subscriptionId").asString().equals(subscriptionId))
                .findFirst()
                .orElseThrow();
    }

    private static Subscription richSubscription(SimMailbox mailbox) throws Exception {
        Subscription s = new Subscription();
        s.setChangeType("created");
        s.setNotificationUrl(webhook.url());
        s.setResource("users/" + mailbox.id() + "/messages?$select=subject,from,receivedDateTime");
        s.setExpirationDateTime(OffsetDateTime.now(ZoneOffset.UTC).plusHours(2));
        s.setClientState("rich");
        s.setIncludeResourceData(true);
        s.setEncryptionCertificate(Base64.getEncoder().encodeToString(certificate.getEncoded()));
        s.setEncryptionCertificateId("palisade-cert-1");
        return s;
    }
}
