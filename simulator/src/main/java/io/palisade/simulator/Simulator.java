package io.palisade.simulator;

import io.palisade.simulator.control.DirectoryControl;
import io.palisade.simulator.control.GoogleControl;
import io.palisade.simulator.control.RuntimeControl;
import io.palisade.simulator.control.SimulatorClient;
import io.palisade.simulator.control.TeamsControl;
import io.palisade.simulator.control.TenantControl;
import io.palisade.simulator.google.GmailRoutes;
import io.palisade.simulator.google.GoogleState;
import io.palisade.simulator.graph.GraphRoutes;
import io.palisade.simulator.identity.IdentityRoutes;
import io.palisade.simulator.identity.TokenService;
import io.palisade.simulator.server.Router;
import io.palisade.simulator.server.Routes;
import io.palisade.simulator.server.SimServer;
import io.palisade.simulator.server.TlsMaterial;
import io.palisade.simulator.state.FaultPlan;
import io.palisade.simulator.state.Ids;
import io.palisade.simulator.state.SimClock;
import io.palisade.simulator.state.SimState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running simulator: the HTTP and HTTPS listeners, the state, and every API family. Start one with
 * {@link #start(SimulatorConfig)}; close it to stop. Thread-safe.
 */
public final class Simulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    private final SimulatorConfig config;
    private final TlsMaterial tls;
    private final SimState state;
    private final FaultPlan faults = new FaultPlan();
    private final Router router = new Router();
    private final List<Runnable> resetHooks = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
    private final TokenService tokens;
    private final GraphRoutes graph;
    private final GoogleState google;
    private final GmailRoutes gmail;
    private SimServer server;
    private SimulatorClient control;

    private Simulator(SimulatorConfig config) {
        this.config = config;
        this.tls = TlsMaterial.generate();
        Ids ids = new Ids(config.seed());
        this.state = new SimState(ids, new SimClock(Clock.systemUTC()));
        this.tokens = new TokenService(state.clock(), ids);
        this.graph = new GraphRoutes(state, tokens, faults, defaultTls());
        graph.allowHttpEndpoints(config.allowHttpNotificationUrls());
        closeables.add(graph);
        this.google = new GoogleState(state.clock(), config.seed());
        this.gmail = new GmailRoutes(
                google,
                faults,
                HttpClient.newBuilder()
                        .sslContext(defaultTls())
                        .connectTimeout(Duration.ofSeconds(5))
                        .build());
        closeables.add(gmail);
        resetHooks.add(state::reset);
        resetHooks.add(faults::clear);
        resetHooks.add(google::reset);
        resetHooks.add(gmail::reset);
    }

    /** Starts a simulator; the ports are bound when this returns. */
    public static Simulator start(SimulatorConfig config) {
        Simulator simulator = new Simulator(config);
        simulator.installFamilies();
        try {
            simulator.server = SimServer.start(
                    simulator.router, simulator.tls, config.host(), config.httpPort(), config.httpsPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the simulator's ports", e);
        }
        LOG.info(
                "event=simulator_started http_port={} https_port={} seed={}",
                simulator.server.httpPort(),
                simulator.server.httpsPort(),
                config.seed());
        return simulator;
    }

    /** Each API family registers itself here, one line each. */
    private void installFamilies() {
        router.install(new IdentityRoutes(state, tokens))
                .install(graph)
                .install(gmail)
                .install(new TenantControl(state))
                .install(new DirectoryControl(state))
                .install(new GoogleControl(google, gmail))
                .install(new TeamsControl(state))
                .install(new RuntimeControl(state, faults, graph, tls, this::reset));
    }

    /** Adds an API family to the running simulator. */
    public Simulator install(Routes family) {
        router.install(family);
        return this;
    }

    /** Registers something that forgets its state when the control API resets the simulator. */
    public void onReset(Runnable hook) {
        resetHooks.add(hook);
    }

    /** Forgets every tenant, mailbox, subscription and fault. */
    public void reset() {
        resetHooks.forEach(Runnable::run);
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }

    public SimulatorConfig config() {
        return config;
    }

    /** e.g. {@code http://localhost:9090}: the control API and any client that accepts HTTP. */
    public String httpBaseUrl() {
        return "http://localhost:" + server.httpPort();
    }

    /** e.g. {@code https://localhost:9091}: what the SDKs use. */
    public String httpsBaseUrl() {
        return "https://localhost:" + server.httpsPort();
    }

    /** Graph's v1.0 service root over HTTPS, e.g. {@code https://localhost:9091/v1.0}. */
    public String graphBaseUrl() {
        return httpsBaseUrl() + "/v1.0";
    }

    /** Graph's beta service root over HTTPS. */
    public String graphBetaBaseUrl() {
        return httpsBaseUrl() + "/beta";
    }

    /** The Microsoft identity authority host, for azure-identity's {@code authorityHost(...)}. */
    public String authorityHost() {
        return httpsBaseUrl() + "/";
    }

    public int httpPort() {
        return server.httpPort();
    }

    public int httpsPort() {
        return server.httpsPort();
    }

    /** The TLS certificate and the key stores and contexts built on it. */
    public TlsMaterial tls() {
        return tls;
    }

    /** A client TLS context that trusts the simulator's certificate. */
    public SSLContext sslContext() {
        return tls.clientContext();
    }

    public X509TrustManager trustManager() {
        return tls.trustManager();
    }

    /** The control API as a Java client; one client for the simulator's life, so calls reuse its connections. */
    public synchronized SimulatorClient control() {
        if (control == null) {
            control = new SimulatorClient(httpBaseUrl());
        }
        return control;
    }

    /** The state, for in-process users such as the traffic generator. */
    public SimState state() {
        return state;
    }

    public FaultPlan faults() {
        return faults;
    }

    public TokenService tokens() {
        return tokens;
    }

    public GraphRoutes graph() {
        return graph;
    }

    /** The Google half: Workspace domains, Gmail mailboxes, service accounts, push subscriptions. */
    public GoogleState google() {
        return google;
    }

    public GmailRoutes gmail() {
        return gmail;
    }

    /**
     * The Gmail API's root URL over HTTP, for {@code Gmail.Builder#setRootUrl}, e.g. {@code http://localhost:9090/}.
     */
    public String gmailRootUrl() {
        return httpBaseUrl() + "/";
    }

    /** Runs {@code closeable} when the simulator stops. */
    public void onClose(AutoCloseable closeable) {
        closeables.add(closeable);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn(
                        "event=close_failed component={} error={}",
                        closeable.getClass().getSimpleName(),
                        e.toString());
            }
        }
        LOG.info("event=simulator_stopped");
    }
}
