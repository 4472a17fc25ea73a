package io.palisade.simulator;

/**
 * How to start a simulator.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param httpPort the plain HTTP port, 0 for a free one
 * @param httpsPort the HTTPS port, 0 for a free one
 * @param seed seeds ids and generated data, so that runs repeat
 * @param allowHttpNotificationUrls accept plain-HTTP notification URLs on any host (loopback hosts
 *     always may use HTTP)
 */
public record SimulatorConfig(String host, int httpPort, int httpsPort, long seed, boolean allowHttpNotificationUrls) {

    /** Loopback, free ports, a random seed. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig("127.0.0.1", 0, 0, System.nanoTime(), false);
    }

    public SimulatorConfig withPorts(int http, int https) {
        return new SimulatorConfig(host, http, https, seed, allowHttpNotificationUrls);
    }

    public SimulatorConfig withHost(String value) {
        return new SimulatorConfig(value, httpPort, httpsPort, seed, allowHttpNotificationUrls);
    }

    public SimulatorConfig withSeed(long value) {
        return new SimulatorConfig(host, httpPort, httpsPort, value, allowHttpNotificationUrls);
    }

    public SimulatorConfig withHttpNotificationUrls(boolean value) {
        return new SimulatorConfig(host, httpPort, httpsPort, seed, value);
    }
}
