package io.palisade.m365.graph;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.microsoft.graph.core.requests.BaseGraphRequestAdapter;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import com.microsoft.kiota.http.middleware.options.IShouldRetry;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.palisade.core.connector.ConnectorException;
import io.palisade.m365.M365Properties;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Graph SDK clients, one per customer tenant, acting as the installation's multi-tenant app with a token for that
 * tenant, obtained with the app's certificate or secret ({@link AppCredentials}). Only the Graph base URL, the
 * authority host and the TLS trust are configurable (as for a national cloud), so the same code serves the public
 * cloud and the simulated tenant.
 */
@Component
public class GraphClients {

    /** The scope app-only Graph tokens are asked for. */
    public static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";

    private static final String NOT_CONFIGURED =
            "palisade.m365.client-id and client-secret or client-certificate are not configured";

    private final M365Properties properties;
    private final AppCredentials credentials;
    private final Optional<GraphTrust> trust;
    private final Map<String, GraphServiceClient> clients = new ConcurrentHashMap<>();

    private final GraphThrottle throttle;
    private final ThrottleProperties throttling;
    private final GraphMetrics metrics;
    private final Clock clock;

    public GraphClients(
            M365Properties properties,
            ObjectProvider<GraphTrust> trust,
            GraphThrottle throttle,
            ThrottleProperties throttling,
            GraphMetrics metrics,
            Clock clock) {
        this.properties = properties;
        this.credentials = new AppCredentials(properties);
        this.trust = Optional.ofNullable(trust.getIfAvailable());
        this.throttle = throttle;
        this.throttling = throttling;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The client for a customer tenant.
     *
     * @param externalTenantId the Microsoft tenant id (a GUID), never null
     * @throws IllegalStateException when no app registration is configured
     */
    public GraphServiceClient forTenant(String externalTenantId) {
        if (!properties.configured()) {
            throw new IllegalStateException(NOT_CONFIGURED);
        }
        return clients.computeIfAbsent(externalTenantId, this::create);
    }

    /**
     * An app-only token for a customer tenant, fetched now: the proof that admin consent took effect.
     *
     * @throws ConnectorException (permanent) when the identity platform refuses, for example before consent
     */
    public AccessToken appToken(String externalTenantId) throws ConnectorException {
        if (!properties.configured()) {
            throw ConnectorException.permanent(NOT_CONFIGURED, null);
        }
        try {
            AccessToken token =
                    credential(externalTenantId).getTokenSync(new TokenRequestContext().addScopes(GRAPH_SCOPE));
            if (token == null || token.getToken() == null) {
                throw ConnectorException.permanent("the identity platform issued no token", null);
            }
            return token;
        } catch (RuntimeException e) {
            // The platform's message may quote request details; keep only its AADSTS code.
            String code = aadstsCode(String.valueOf(e.getMessage()));
            throw ConnectorException.permanent("no app token for the tenant (" + code + ")", null);
        }
    }

    private static String aadstsCode(String message) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("AADSTS\\d+").matcher(message);
        return m.find() ? m.group() : "no AADSTS code";
    }

    private GraphServiceClient create(String externalTenantId) {
        String baseUrl = properties.graphBaseUrl().toString();
        AppTokenCache token = new AppTokenCache(credential(externalTenantId), GRAPH_SCOPE, externalTenantId, clock);
        AzureIdentityAuthenticationProvider auth = new AzureIdentityAuthenticationProvider(
                token, new String[] {properties.graphBaseUrl().getHost()}, GRAPH_SCOPE);
        return new GraphServiceClient(new BaseGraphRequestAdapter(auth, baseUrl, okHttp(externalTenantId, token)));
    }

    // Not yet: the certificate or secret is read when a tenant's client is built; a rotated one needs a restart.
    private TokenCredential credential(String externalTenantId) {
        return credentials.forTenant(
                externalTenantId,
                builder ->
                        trust.ifPresent(t -> builder.disableInstanceDiscovery().httpClient(azureHttpClient(t))));
    }

    /**
     * The SDK's default middleware, with its retry handler waiting inline only for short Retry-After values (longer
     * ones go back to the work queue as a retryable failure), then the meters (each attempt counts), the tenant's
     * circuit breaker, the one resend of a call whose token Graph refused, and the throttle.
     */
    private OkHttpClient okHttp(String externalTenantId, AppTokenCache token) {
        long inlineSeconds = throttling.inlineRetryAfter().toSeconds();
        IShouldRetry shortWaitsOnly =
                (delay, attempt, request, response) -> retryAfterSeconds(response) <= inlineSeconds;
        CircuitBreaker breaker = new CircuitBreaker(
                externalTenantId,
                throttling.breakerFailures(),
                throttling.breakerOpen(),
                clock,
                () -> metrics.circuitOpened(externalTenantId));
        metrics.watch(externalTenantId, breaker);
        OkHttpClient.Builder builder = GraphClientFactory.create(
                        new RequestOption[] {new RetryHandlerOption(shortWaitsOnly, 2, 1)})
                .addInterceptor(metrics.interceptor(externalTenantId))
                .addInterceptor(breaker)
                .addInterceptor(token.retryOnRejectedToken())
                .addInterceptor(throttle.interceptor())
                // As many idle connections as calls may be in flight: OkHttp's default keeps 5, so a burst of
                // parallel calls (a banner refresh of many copies) closed the rest and paid a TLS handshake again.
                .connectionPool(new ConnectionPool(throttling.global(), 5, TimeUnit.MINUTES));
        trust.ifPresent(t -> builder.sslSocketFactory(t.sslContext().getSocketFactory(), t.trustManager()));
        return builder.build();
    }

    /** Graph's Retry-After in seconds; 0 when absent or a date (the handler's own short backoff then applies). */
    static long retryAfterSeconds(okhttp3.Response response) {
        String value = response == null ? null : response.header("Retry-After");
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static HttpClient azureHttpClient(GraphTrust trust) {
        SslContext netty;
        try {
            netty = SslContextBuilder.forClient()
                    .trustManager(trust.trustManager())
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a TLS context with the configured Graph trust", e);
        }
        return new NettyAsyncHttpClientBuilder(
                        reactor.netty.http.client.HttpClient.create().secure(spec -> spec.sslContext(netty)))
                .build();
    }
}
