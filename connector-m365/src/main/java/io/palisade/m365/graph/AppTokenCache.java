package io.palisade.m365.graph;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One tenant's app-only Graph token, kept and handed to every call until shortly before it expires. Without it,
 * every Graph call asks the credential for a token: MSAL runs each request on the JVM's common fork-join pool (one
 * thread on a 2-core machine), so under load calls queue for tokens, and against the simulator, where MSAL's cache
 * misses, every call also waits for a token request.
 *
 * <p>A token that Graph refuses with 401 (revoked, or expired early: the simulator's clock can be moved forward) is
 * dropped, and the call is sent once more with a new one ({@link #retryOnRejectedToken()}).
 */
final class AppTokenCache implements TokenCredential {

    private static final Logger LOG = LoggerFactory.getLogger(AppTokenCache.class);
    // Renewed this long before it expires, so a call never leaves with a token that lapses on the way.
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private final TokenCredential source;
    private final String scope;
    private final String tenant;
    private final Clock clock;
    private final ReentrantLock renewing = new ReentrantLock();
    private volatile AccessToken current;

    /**
     * @param source the credential that fetches tokens, never null
     * @param scope the one scope this cache serves; requests for other scopes go to {@code source} uncached
     * @param tenant the Microsoft tenant id, for logs
     */
    AppTokenCache(TokenCredential source, String scope, String tenant, Clock clock) {
        this.source = source;
        this.scope = scope;
        this.tenant = tenant;
        this.clock = clock;
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.fromCallable(() -> getTokenSync(request));
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        if (!cacheable(request)) {
            // A claims challenge (continuous access evaluation) asks for a token the cached one is not.
            return source.getTokenSync(request);
        }
        AccessToken token = current;
        if (usable(token)) {
            return token;
        }
        renewing.lock();
        try {
            token = current;
            if (!usable(token)) {
                token = source.getTokenSync(request);
                current = token;
                LOG.debug("event=graph_token_renewed tenant={} expires_at={}", tenant, token.getExpiresAt());
            }
            return token;
        } finally {
            renewing.unlock();
        }
    }

    /** Forgets {@code token} if it is the one kept; a newer one already kept stays. */
    void reject(String token) {
        AccessToken kept = current;
        if (kept != null && kept.getToken().equals(token)) {
            current = null;
            LOG.info("event=graph_token_rejected tenant={}", tenant);
        }
    }

    /**
     * The interceptor that sends a call refused with 401 once more with a new token. It must run after the
     * authentication provider set the {@code Authorization} header, so inside the OkHttp chain.
     */
    Interceptor retryOnRejectedToken() {
        return this::retryOnce;
    }

    private Response retryOnce(Interceptor.Chain chain) throws IOException {
        Request request = chain.request();
        Response response = chain.proceed(request);
        String sent = bearer(request);
        boolean resendable = request.body() == null || !request.body().isOneShot();
        if (response.code() != 401 || sent == null || !resendable) {
            return response;
        }
        response.close();
        reject(sent);
        String fresh = getTokenSync(new TokenRequestContext().addScopes(scope)).getToken();
        return chain.proceed(
                request.newBuilder().header("Authorization", "Bearer " + fresh).build());
    }

    private boolean cacheable(TokenRequestContext request) {
        List<String> scopes = request.getScopes();
        return request.getClaims() == null && scopes.size() == 1 && scope.equals(scopes.getFirst());
    }

    private boolean usable(AccessToken token) {
        return token != null
                && token.getExpiresAt() != null
                && token.getExpiresAt().toInstant().isAfter(clock.instant().plus(RENEW_BEFORE));
    }

    private static String bearer(Request request) {
        String header = request.header("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7) : null;
    }
}
