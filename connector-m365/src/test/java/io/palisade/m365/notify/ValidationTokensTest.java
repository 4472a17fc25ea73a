package io.palisade.m365.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Validation tokens are accepted only when signed by a published key, unexpired, for this app, issued for a tenant by
 * Graph's notification publisher; the key set is cached and read again when a token names a key it does not hold.
 * The key set is served here on loopback: the simulator signs with one key for its whole life, so it cannot show a
 * rotation.
 */
class ValidationTokensTest {

    static final String APP_ID = "4f1d3a7e-0c52-4d6b-9a0e-6b7a2c1e9d10";
    static final String TENANT = "a1b2c3d4-0000-4000-8000-000000000001";

    static RSAKey first;
    static RSAKey second;

    HttpServer keyServer;
    final AtomicReference<JWKSet> published = new AtomicReference<>();
    final AtomicInteger fetches = new AtomicInteger();
    ValidationTokens tokens;

    @BeforeAll
    static void signingKeys() throws Exception {
        first = new RSAKeyGenerator(2048)
                .keyID("key-1")
                .keyUse(KeyUse.SIGNATURE)
                .generate();
        second = new RSAKeyGenerator(2048)
                .keyID("key-2")
                .keyUse(KeyUse.SIGNATURE)
                .generate();
    }

    @BeforeEach
    void publishTheFirstKey() throws Exception {
        published.set(new JWKSet(first.toPublicJWK()));
        keyServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        keyServer.createContext("/common/discovery/keys", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        keyServer.start();
        URI url = URI.create("http://127.0.0.1:" + keyServer.getAddress().getPort() + "/common/discovery/keys");
        tokens = new ValidationTokens(url, APP_ID, null, Clock.systemUTC());
    }

    @AfterEach
    void stopKeyServer() {
        keyServer.stop(0);
    }

    @Test
    void acceptsAGenuineTokenAndNamesItsTenant() throws Exception {
        assertThat(tokens.verify(List.of(token(first, claims())))).containsExactly(TENANT);
    }

    @Test
    void readsTheKeySetOnceForManyBatches() throws Exception {
        for (int i = 0; i < 20; i++) {
            tokens.verify(List.of(token(first, claims().jwtID("t" + i))));
        }

        assertThat(fetches).hasValue(1);
    }

    @Test
    void refusesATokenSignedByAKeyNobodyPublished() throws Exception {
        RSAKey forger = new RSAKeyGenerator(2048).keyID("key-1").generate();

        assertThatThrownBy(() -> tokens.verify(List.of(token(forger, claims()))))
                .isInstanceOf(InvalidValidationTokenException.class)
                .hasMessageContaining("token_refused");
    }

    @Test
    void refusesAnExpiredToken() throws Exception {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        JWTClaimsSet.Builder expired =
                claims().issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60)));

        assertThatThrownBy(() -> tokens.verify(List.of(token(first, expired))))
                .isInstanceOf(InvalidValidationTokenException.class)
                .hasMessageContaining("Expired");
    }

    @Test
    void refusesATokenForAnotherApp() throws Exception {
        assertThatThrownBy(() -> tokens.verify(List.of(token(first, claims().audience("another-app")))))
                .isInstanceOf(InvalidValidationTokenException.class)
                .hasMessageContaining("aud");
    }

    @Test
    void refusesATokenNotIssuedByGraphsNotificationPublisher() throws Exception {
        assertThatThrownBy(() -> tokens.verify(List.of(token(first, claims().claim("appid", APP_ID)))))
                .isInstanceOf(InvalidValidationTokenException.class)
                .hasMessageContaining("appid");
    }

    @Test
    void refusesATokenFromAnotherIssuer() throws Exception {
        JWTClaimsSet.Builder elsewhere = claims().issuer("https://login.example.com/" + TENANT + "/");

        assertThatThrownBy(() -> tokens.verify(List.of(token(first, elsewhere))))
                .hasMessageContaining("token_issuer_not_sts");
    }

    @Test
    void refusesATokenWithoutAnExpiry() throws Exception {
        assertThatThrownBy(() -> tokens.verify(List.of(token(first, claims().expirationTime(null)))))
                .hasMessageContaining("exp");
    }

    @Test
    void saysTheKeysAreUnavailableRatherThanTheTokenBadWhenTheKeySetCannotBeRead() throws Exception {
        keyServer.stop(0);

        assertThatThrownBy(() -> tokens.verify(List.of(token(first, claims()))))
                .isInstanceOf(ValidationKeysUnavailableException.class);
    }

    @Test
    void refusesSomethingThatIsNotAToken() {
        assertThatThrownBy(() -> tokens.verify(List.of("not.a.jwt"))).hasMessage("token_not_a_jwt");
    }

    @Test
    void refusesTheBatchWhenOneOfItsTokensIsBad() throws Exception {
        List<String> batch = List.of(token(first, claims()), token(first, claims().audience("another-app")));

        assertThatThrownBy(() -> tokens.verify(batch)).isInstanceOf(InvalidValidationTokenException.class);
    }

    @Test
    void followsAKeyRotationByReadingTheKeySetAgain() throws Exception {
        tokens.verify(List.of(token(first, claims())));
        published.set(new JWKSet(second.toPublicJWK()));

        assertThat(tokens.verify(List.of(token(second, claims())))).containsExactly(TENANT);
        assertThat(fetches).hasValue(2);
        // A token of the retired key is never accepted: the key set is read again at most twice a second, so this
        // third read inside the second is held back and the batch answered "try again" rather than refused.
        assertThatThrownBy(() -> tokens.verify(List.of(token(first, claims().jwtID("after-rotation")))))
                .isInstanceOfAny(InvalidValidationTokenException.class, ValidationKeysUnavailableException.class);
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .audience(APP_ID)
                .issuer("https://sts.windows.net/" + TENANT + "/")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("appid", ValidationTokens.GRAPH_PUBLISHER_APP_ID)
                .claim("tid", TENANT);
    }

    private static String token(RSAKey key, JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .keyID(key.getKeyID())
                        .build(),
                claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
