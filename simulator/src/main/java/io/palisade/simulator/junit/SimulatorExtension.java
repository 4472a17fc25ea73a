package io.palisade.simulator.junit;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.palisade.simulator.Simulator;
import io.palisade.simulator.SimulatorConfig;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.control.SimulatorClient;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a simulator in-process on free ports before a test class and stops it after, so every
 * class starts from empty state.
 *
 * <pre>{@code
 * @RegisterExtension
 * static SimulatorExtension sim = new SimulatorExtension();
 *
 * @Test
 * void readsTheInbox() {
 *     SimTenant tenant = sim.control().createTenant();
 *     GraphServiceClient graph = sim.graphClient(tenant);
 *     ...
 * }
 * }</pre>
 *
 * <p>With {@code @ExtendWith(SimulatorExtension.class)}, test methods and constructors may take a
 * {@link Simulator} or a {@link SimulatorExtension} parameter.
 */
public final class SimulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final SimulatorConfig config;
    private Simulator simulator;
    private ExtensionContext owner;

    /** Loopback, free ports, a random seed. */
    public SimulatorExtension() {
        this(SimulatorConfig.defaults());
    }

    public SimulatorExtension(SimulatorConfig config) {
        this.config = config;
    }

    /** Free ports and a fixed seed, so ids and generated data repeat. */
    public static SimulatorExtension withSeed(long seed) {
        return new SimulatorExtension(SimulatorConfig.defaults().withSeed(seed));
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (simulator == null) {
            simulator = Simulator.start(config);
            owner = context;
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (simulator != null && context == owner) {
            simulator.close();
            simulator = null;
            owner = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Simulator.class || type == SimulatorExtension.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Simulator.class ? simulator() : this;
    }

    /** The running simulator; fails when used outside a test class's lifetime. */
    public synchronized Simulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("the simulator runs only while a test class runs; register the"
                    + " extension on a static field or with @ExtendWith");
        }
        return simulator;
    }

    /** The control API client. */
    public SimulatorClient control() {
        return simulator().control();
    }

    /** e.g. {@code http://localhost:41234}. */
    public String httpBaseUrl() {
        return simulator().httpBaseUrl();
    }

    /** e.g. {@code https://localhost:41235}. */
    public String httpsBaseUrl() {
        return simulator().httpsBaseUrl();
    }

    /** Graph v1.0 over HTTPS. */
    public String graphBaseUrl() {
        return simulator().graphBaseUrl();
    }

    /** For azure-identity's {@code authorityHost(...)}. */
    public String authorityHost() {
        return simulator().authorityHost();
    }

    /** Trusts the simulator's certificate. */
    public SSLContext sslContext() {
        return simulator().sslContext();
    }

    public X509TrustManager trustManager() {
        return simulator().trustManager();
    }

    /** The Gmail API root URL, for {@code Gmail.Builder#setRootUrl}, e.g. {@code http://localhost:P/}. */
    public String gmailRootUrl() {
        return simulator().gmailRootUrl();
    }

    /** The real Graph SDK client acting as the tenant's app; needs microsoft-graph and azure-identity. */
    public GraphServiceClient graphClient(SimTenant tenant) {
        return SimulatedGraph.client(graphBaseUrl(), authorityHost(), tenant, sslContext(), trustManager());
    }
}
