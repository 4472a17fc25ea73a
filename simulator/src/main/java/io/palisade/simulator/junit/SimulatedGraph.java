package io.palisade.simulator.junit;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.microsoft.graph.core.requests.BaseGraphRequestAdapter;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.palisade.simulator.control.SimTenant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * Builds the real Microsoft Graph SDK client for a simulated tenant, changing only what a national
 * cloud changes: the Graph base URL, the authority host, and the TLS trust. The service's M365
 * connector builds its client the same way from configuration.
 *
 * <p>Two traps are avoided here: Kiota's token provider sends no token to hosts outside its allowed
 * list (so {@code localhost} is allowed explicitly), and MSAL refuses authorities that are not
 * HTTPS (so tokens come from the simulator's HTTPS listener, and instance discovery is off).
 */
public final class SimulatedGraph {

    /** The scope app-only Graph clients ask for. */
    public static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";

    private SimulatedGraph() {}

    /**
     * A Graph client acting as the tenant's app (client secret).
     *
     * @param graphBaseUrl e.g. {@code https://localhost:9091/v1.0}
     * @param authorityHost e.g. {@code https://localhost:9091/}
     * @param trust trusts the simulator's certificate
     */
    public static GraphServiceClient client(
            String graphBaseUrl, String authorityHost, SimTenant tenant, SSLContext ssl, X509TrustManager trust) {
        TokenCredential credential = credential(authorityHost, tenant, trust);
        return client(graphBaseUrl, credential, ssl, trust);
    }

    /** A Graph client using any credential, talking to {@code graphBaseUrl}. */
    public static GraphServiceClient client(
            String graphBaseUrl, TokenCredential credential, SSLContext ssl, X509TrustManager trust) {
        String host = java.net.URI.create(graphBaseUrl).getHost();
        AzureIdentityAuthenticationProvider auth =
                new AzureIdentityAuthenticationProvider(credential, new String[] {host}, GRAPH_SCOPE);
        return new GraphServiceClient(new BaseGraphRequestAdapter(auth, graphBaseUrl, okHttp(ssl, trust)));
    }

    /** The Graph SDK's default OkHttp stack (retry, redirect, telemetry), trusting the simulator. */
    public static OkHttpClient okHttp(SSLContext ssl, X509TrustManager trust) {
        return GraphClientFactory.create()
                .sslSocketFactory(ssl.getSocketFactory(), trust)
                .build();
    }

    /** A client-secret credential whose tokens come from the simulated identity platform. */
    public static TokenCredential credential(String authorityHost, SimTenant tenant, X509TrustManager trust) {
        return new ClientSecretCredentialBuilder()
                .tenantId(tenant.tenantId())
                .clientId(tenant.clientId())
                .clientSecret(tenant.clientSecret())
                .authorityHost(authorityHost)
                .disableInstanceDiscovery()
                .httpClient(azureHttpClient(trust))
                .build();
    }

    /** azure-core's HTTP client (Netty) trusting the simulator's certificate. */
    public static HttpClient azureHttpClient(X509TrustManager trust) {
        SslContext netty;
        try {
            netty = SslContextBuilder.forClient().trustManager(trust).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a TLS context trusting the simulator", e);
        }
        reactor.netty.http.client.HttpClient reactorClient =
                reactor.netty.http.client.HttpClient.create().secure(spec -> spec.sslContext(netty));
        return new NettyAsyncHttpClientBuilder(reactorClient).build();
    }
}
