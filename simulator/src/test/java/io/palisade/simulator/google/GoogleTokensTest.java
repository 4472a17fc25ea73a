package io.palisade.simulator.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoogleTokensTest {

    private static final String ENDPOINT = "http://localhost:9090/token";
    private static final Instant NOW = Instant.parse("2026-05-01T09:00:00Z");
    // Shared by the tests because RSA keys are slow to make; each test sets the delegation it needs.
    private static final GoogleState STATE = new GoogleState(Clock.fixed(NOW, ZoneOffset.UTC), 3);
    private static final GoogleDomain DOMAIN = STATE.createDomain("fabrikam.example", List.of("zoe@fabrikam.example"));
    private static final ServiceAccount ACCOUNT = STATE.createServiceAccount("palisade", "scanner");
    private static final ServiceAccount OTHER = STATE.createServiceAccount("palisade", "other");

    private String assertion(ServiceAccount signer, String sub, String scope, Instant issued) throws Exception {
        String pem = signer.keyFile(ENDPOINT)
                .get("private_key")
                .replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(signer.email())
                .subject(sub)
                .audience(ENDPOINT)
                .claim("scope", scope)
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(issued.plusSeconds(3600)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.keyId()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private Map.Entry<String, Long> exchange(String assertion) {
        return STATE.tokens().exchange(Map.of("grant_type", GoogleTokens.JWT_BEARER, "assertion", assertion), ENDPOINT);
    }

    @Test
    void delegatedScopesGiveATokenThatSpeaksForTheUser() throws Exception {
        DOMAIN.delegate(ACCOUNT.clientId(), List.of(GmailScope.Scopes.MODIFY));

        var token = exchange(assertion(ACCOUNT, "zoe@fabrikam.example", GmailScope.Scopes.MODIFY, NOW));
        GoogleCaller caller = STATE.tokens().authenticate("Bearer " + token.getKey());

        assertThat(token.getValue()).isEqualTo(3599);
        assertThat(caller.user()).isEqualTo("zoe@fabrikam.example");
        assertThat(caller.scopes()).containsExactly(GmailScope.Scopes.MODIFY);
    }

    @Test
    void scopesTheAdminDidNotDelegateAreRefused() throws Exception {
        DOMAIN.delegate(ACCOUNT.clientId(), List.of(GmailScope.Scopes.READONLY));
        String jwt = assertion(ACCOUNT, "zoe@fabrikam.example", GmailScope.Scopes.FULL, NOW);

        assertThatThrownBy(() -> exchange(jwt)).isInstanceOfSatisfying(GoogleTokens.OAuthError.class, e -> {
            assertThat(e.error()).isEqualTo("unauthorized_client");
            assertThat(e.status()).isEqualTo(401);
        });
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() throws Exception {
        DOMAIN.delegate(ACCOUNT.clientId(), List.of(GmailScope.Scopes.MODIFY));
        String forged = assertion(OTHER, "zoe@fabrikam.example", GmailScope.Scopes.MODIFY, NOW)
                .replaceFirst(
                        "^[^.]+\\.[^.]+",
                        assertion(ACCOUNT, "zoe@fabrikam.example", GmailScope.Scopes.MODIFY, NOW)
                                .replaceFirst("\\.[^.]+$", ""));

        assertThatThrownBy(() -> exchange(forged))
                .isInstanceOfSatisfying(
                        GoogleTokens.OAuthError.class,
                        e -> assertThat(e.error()).isEqualTo("invalid_grant"))
                .hasMessageContaining("Signature");
    }

    @Test
    void staleAssertionsAndUnknownUsersAreRefused() throws Exception {
        DOMAIN.delegate(ACCOUNT.clientId(), List.of(GmailScope.Scopes.MODIFY));
        String stale = assertion(ACCOUNT, "zoe@fabrikam.example", GmailScope.Scopes.MODIFY, NOW.minusSeconds(7200));
        String stranger = assertion(ACCOUNT, "eve@elsewhere.example", GmailScope.Scopes.MODIFY, NOW);

        assertThatThrownBy(() -> exchange(stale)).hasMessageContaining("short-lived");
        assertThatThrownBy(() -> exchange(stranger)).hasMessageContaining("Invalid email");
    }

    @Test
    void unknownOrMissingBearerTokensAreUnauthenticated() {
        assertThatThrownBy(() -> STATE.tokens().authenticate("Bearer ya29.nothing"))
                .isInstanceOfSatisfying(
                        GmailException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> STATE.tokens().authenticate(null))
                .isInstanceOfSatisfying(
                        GmailException.class, e -> assertThat(e.status()).isEqualTo(401));
    }
}
