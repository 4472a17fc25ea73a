package io.palisade.m365;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.palisade.simulator.Simulator;
import io.palisade.simulator.SimulatorConfig;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.control.SimulatorClient;
import io.palisade.simulator.junit.SimulatedGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One simulator for every test of this module, so that one Spring context (which points at it) serves every test
 * class. The installation's multi-tenant app is created in a first tenant; each test class consents it in tenants of
 * its own, so classes never see each other's mail.
 */
public final class SharedSimulator {

    private static Simulator simulator;
    private static SimTenant appHome;
    private static final int WEBHOOK_PORT = freePort();

    private SharedSimulator() {}

    /** The running simulator, started on first use and stopped when the JVM exits. */
    public static synchronized Simulator get() {
        if (simulator == null) {
            simulator = Simulator.start(SimulatorConfig.defaults().withHttpNotificationUrls(true));
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
            appHome = simulator.control().createTenant("palisade-app-home.example");
        }
        return simulator;
    }

    public static SimulatorClient control() {
        return get().control();
    }

    /** The app's home tenant: its client id and secret are the installation's. */
    public static synchronized SimTenant app() {
        get();
        return appHome;
    }

    /** A new tenant in which the installation's app is consented with every role Palisade asks for. */
    public static SimTenant consentedTenant(String domain) {
        return consentedTenant(domain, app().roles());
    }

    /** A new tenant in which the installation's app holds exactly {@code roles}. */
    public static SimTenant consentedTenant(String domain, Set<String> roles) {
        Map<String, Object> spec = new HashMap<>();
        spec.put("domain", domain);
        spec.put("clientId", app().clientId());
        spec.put("roles", new HashSet<>(roles));
        return control().createTenant(spec);
    }

    /** The real Graph SDK acting as the app in a tenant, for tests to look at mailboxes from outside. */
    public static GraphServiceClient graphFor(SimTenant tenant) {
        Simulator sim = get();
        return SimulatedGraph.client(
                sim.graphBaseUrl(), sim.authorityHost(), tenant, sim.sslContext(), sim.trustManager());
    }

    /** The loopback port of the test webhook endpoint that Graph notifies. */
    public static int webhookPort() {
        return WEBHOOK_PORT;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
