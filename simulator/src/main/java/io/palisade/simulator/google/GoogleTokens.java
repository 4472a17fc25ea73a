package io.palisade.simulator.google;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google's OAuth token endpoint for service accounts (RFC 7523 JWT-bearer grant) with domain-wide delegation, and the
 * check of the access tokens it issues.
 */
public final class GoogleTokens {

    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Duration MAX_ASSERTION_LIFETIME = Duration.ofHours(1);
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final List<String> GOOGLE_AUDIENCES =
            List.of("https://oauth2.googleapis.com/token", "https://www.googleapis.com/oauth2/v4/token");
    private static final Logger LOG = LoggerFactory.getLogger(GoogleTokens.class);

    private final GoogleState state;
    private final Clock clock;
    private final Map<String, GoogleCaller> issued = new ConcurrentHashMap<>();

    GoogleTokens(GoogleState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    /** An OAuth error answered with status 400 or 401 and {@code {"error", "error_description"}}. */
    public static final class OAuthError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String error;

        OAuthError(int status, String error, String description) {
            super(description, null, false, false);
            this.status = status;
            this.error = error;
        }

        public int status() {
            return status;
        }

        public String error() {
            return error;
        }
    }

    /**
     * Answers a token request.
     *
     * @param form the form fields of the POST
     * @param endpointUrl the URL the request was sent to, an accepted audience
     * @return the access token and its lifetime in seconds
     */
    public Map.Entry<String, Long> exchange(Map<String, String> form, String endpointUrl) {
        if (!JWT_BEARER.equals(form.get("grant_type"))) {
            throw new OAuthError(400, "unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type"));
        }
        SignedJWT assertion = parse(form.get("assertion"));
        JWTClaimsSet claims = claims(assertion);
        ServiceAccount account = state.serviceAccount(claims.getIssuer())
                .orElseThrow(() -> new OAuthError(400, "invalid_grant", "Invalid JWT Signature."));
        verifySignature(assertion, account);
        checkTimesAndAudience(claims, endpointUrl);

        Set<String> scopes = scopes(claims);
        String user = subject(claims, account);
        GoogleDomain domain = state.domainOf(user)
                .orElseThrow(() -> new OAuthError(400, "invalid_grant", "Invalid email or User ID"));
        if (!domain.delegatedScopes(account.clientId()).containsAll(scopes)) {
            LOG.info("event=google_token_refused reason=scopes_not_delegated client_id={}", account.clientId());
            throw new OAuthError(
                    401,
                    "unauthorized_client",
                    "Client is unauthorized to retrieve access tokens using"
                            + " this method, or client not authorized for any of the scopes requested.");
        }
        String token = "ya29.sim_" + state.ids().token(48);
        issued.put(
                token,
                new GoogleCaller(account.email(), user, scopes, clock.instant().plus(TOKEN_LIFETIME)));
        LOG.info("event=google_token_issued client_id={} scopes={}", account.clientId(), scopes.size());
        return Map.entry(token, TOKEN_LIFETIME.toSeconds() - 1);
    }

    /** The caller behind an {@code Authorization: Bearer} header. */
    public GoogleCaller authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthenticated();
        }
        GoogleCaller caller = issued.get(authorization.substring(7).trim());
        if (caller == null || !clock.instant().isBefore(caller.expires())) {
            throw unauthenticated();
        }
        return caller;
    }

    void clear() {
        issued.clear();
    }

    private static GmailException unauthenticated() {
        return new GmailException(
                401,
                "authError",
                "Request had invalid authentication credentials. Expected OAuth 2"
                        + " access token, login cookie or other valid authentication credential.");
    }

    private static SignedJWT parse(String assertion) {
        if (assertion == null || assertion.isBlank()) {
            throw new OAuthError(400, "invalid_request", "Missing required parameter: assertion");
        }
        try {
            return SignedJWT.parse(assertion);
        } catch (ParseException e) {
            throw new OAuthError(
                    400,
                    "invalid_grant",
                    "Invalid JWT: Token must be a short-lived token and in a" + " reasonable timeframe.");
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new OAuthError(400, "invalid_grant", "Invalid JWT claims.");
        }
    }

    private static void verifySignature(SignedJWT jwt, ServiceAccount account) {
        try {
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new RSASSAVerifier(account.publicKey()))) {
                throw new OAuthError(400, "invalid_grant", "Invalid JWT Signature.");
            }
        } catch (JOSEException e) {
            throw new OAuthError(400, "invalid_grant", "Invalid JWT Signature.");
        }
    }

    private void checkTimesAndAudience(JWTClaimsSet claims, String endpointUrl) {
        Instant now = clock.instant();
        Date issuedAt = claims.getIssueTime();
        Date expires = claims.getExpirationTime();
        boolean timely = issuedAt != null
                && expires != null
                && issuedAt.toInstant().isBefore(now.plus(SKEW))
                && expires.toInstant().isAfter(now.minus(SKEW))
                && !expires.toInstant().isAfter(issuedAt.toInstant().plus(MAX_ASSERTION_LIFETIME));
        if (!timely) {
            throw new OAuthError(
                    400,
                    "invalid_grant",
                    "Invalid JWT: Token must be a short-lived token (60 minutes)"
                            + " and in a reasonable timeframe. Check your iat and exp values in the JWT claim.");
        }
        List<String> audience = claims.getAudience();
        boolean ours = audience.stream().anyMatch(a -> a.equals(endpointUrl) || GOOGLE_AUDIENCES.contains(a));
        if (!ours) {
            throw new OAuthError(400, "invalid_grant", "Invalid JWT audience.");
        }
    }

    private static Set<String> scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        if (!(scope instanceof String text) || text.isBlank()) {
            throw new OAuthError(400, "invalid_scope", "Invalid OAuth scope or ID token audience provided.");
        }
        return new LinkedHashSet<>(Arrays.asList(text.trim().split("\\s+")));
    }

    private static String subject(JWTClaimsSet claims, ServiceAccount account) {
        String sub = claims.getSubject();
        if (sub == null || sub.equals(account.email())) {
            // Without delegation a service account has no mailbox of its own to act on.
            throw new OAuthError(400, "invalid_grant", "Gmail needs domain-wide delegation: set sub to a user");
        }
        return sub;
    }
}
