package io.palisade.m365.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The tenant's token is fetched once and shared until it nears expiry; a rejected or challenged one is replaced. */
class AppTokenCacheTest {

    private static final String SCOPE = GraphClients.GRAPH_SCOPE;
    private static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");

    @Test
    void concurrentCallsShareOneTokenFetch() throws Exception {
        CountingCredential source = new CountingCredential(Duration.ofHours(1));
        AppTokenCache cache = new AppTokenCache(source, SCOPE, "tid", Clock.fixed(NOW, ZoneOffset.UTC));

        List<Future<String>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                calls.add(pool.submit(() -> cache.getTokenSync(graph()).getToken()));
            }
        }

        assertThat(source.fetches).isEqualTo(1);
        for (Future<String> call : calls) {
            assertThat(call.get()).isEqualTo("token-1");
        }
    }

    @Test
    void aTokenCloseToExpiryIsRenewed() {
        CountingCredential source = new CountingCredential(Duration.ofMinutes(4));
        AppTokenCache cache = new AppTokenCache(source, SCOPE, "tid", Clock.fixed(NOW, ZoneOffset.UTC));

        cache.getTokenSync(graph());
        cache.getTokenSync(graph());

        assertThat(source.fetches).isEqualTo(2);
    }

    @Test
    void aRejectedTokenIsReplacedButANewerOneIsKept() {
        CountingCredential source = new CountingCredential(Duration.ofHours(1));
        AppTokenCache cache = new AppTokenCache(source, SCOPE, "tid", Clock.fixed(NOW, ZoneOffset.UTC));
        String first = cache.getTokenSync(graph()).getToken();

        cache.reject(first);
        String second = cache.getTokenSync(graph()).getToken();
        cache.reject(first);

        assertThat(second).isEqualTo("token-2");
        assertThat(cache.getTokenSync(graph()).getToken()).isEqualTo("token-2");
    }

    @Test
    void aClaimsChallengeOrAnotherScopeBypassesTheCache() {
        CountingCredential source = new CountingCredential(Duration.ofHours(1));
        AppTokenCache cache = new AppTokenCache(source, SCOPE, "tid", Clock.fixed(NOW, ZoneOffset.UTC));
        cache.getTokenSync(graph());

        cache.getTokenSync(graph().setClaims("{\"access_token\":{}}"));
        cache.getTokenSync(new TokenRequestContext().addScopes("https://outlook.office365.com/.default"));

        assertThat(source.fetches).isEqualTo(3);
        assertThat(cache.getTokenSync(graph()).getToken()).isEqualTo("token-1");
    }

    private static TokenRequestContext graph() {
        return new TokenRequestContext().addScopes(SCOPE);
    }

    /** Hands out numbered tokens of a fixed lifetime, counting fetches. */
    private static final class CountingCredential implements TokenCredential {
        private final Duration lifetime;
        private int fetches;

        CountingCredential(Duration lifetime) {
            this.lifetime = lifetime;
        }

        @Override
        public Mono<AccessToken> getToken(TokenRequestContext request) {
            return Mono.fromCallable(() -> getTokenSync(request));
        }

        @Override
        public synchronized AccessToken getTokenSync(TokenRequestContext request) {
            fetches++;
            return new AccessToken("token-" + fetches, OffsetDateTime.ofInstant(NOW.plus(lifetime), ZoneOffset.UTC));
        }
    }
}
