package io.palisade.simulator.cli;

import io.palisade.simulator.Simulator;
import io.palisade.simulator.SimulatorConfig;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator until killed.
 *
 * <pre>
 * java -jar simulator/target/palisade-simulator.jar --port 9090 [--https-port 9091] [--host 127.0.0.1]
 *      [--seed N] [--demo] [--rate PER_MINUTE] [--push-endpoint URL] [--allow-http-notifications]
 * </pre>
 *
 * HTTPS listens on the next port after {@code --port} unless {@code --https-port} says otherwise.
 */
public final class SimulatorMain {

    private SimulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "palisade-simulator-logback.xml");
        }
        PrintStream out = System.out;
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("simulator: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            out.println(Options.USAGE);
            return;
        }
        Simulator simulator = Simulator.start(options.config());
        out.println("Palisade simulator");
        out.println("  control API    " + simulator.httpBaseUrl() + "/_sim/");
        out.println("  Graph          " + simulator.graphBaseUrl() + "  (also " + simulator.httpBaseUrl() + "/v1.0)");
        out.println("  identity       " + simulator.authorityHost() + "{tenant}/oauth2/v2.0/token");
        out.println("  certificate    " + simulator.httpBaseUrl() + "/_sim/certificate");
        out.println("  Gmail          " + simulator.gmailRootUrl() + "gmail/v1/users/{user}/...  (token "
                + simulator.httpBaseUrl() + "/token)");
        if (options.demo()) {
            Demo demo = Demo.start(
                    simulator.control(), options.config().seed(), options.rate(), options.pushEndpoint(), out);
            // The traffic stops before the listeners do, so no delivery is refused on the way down.
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                demo.close();
                                simulator.close();
                            },
                            "simulator-shutdown"));
        } else {
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-shutdown"));
        }
        new CountDownLatch(1).await();
    }

    /** Parsed command-line options. */
    record Options(SimulatorConfig config, boolean demo, double rate, String pushEndpoint, boolean help) {

        static final double DEFAULT_RATE = 30;
        static final String USAGE = "usage: java -jar palisade-simulator.jar [--port N] [--https-port N] [--host ADDR]"
                + " [--seed N] [--demo] [--rate PER_MINUTE] [--push-endpoint URL] [--allow-http-notifications]";

        static Options parse(String[] args) {
            SimulatorConfig config = SimulatorConfig.defaults().withPorts(9090, 9091);
            Integer httpsPort = null;
            boolean demo = false;
            double rate = DEFAULT_RATE;
            String pushEndpoint = null;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> config = config.withPorts(port(args, ++i), config.httpsPort());
                    case "--https-port" -> httpsPort = port(args, ++i);
                    case "--host" -> config = config.withHost(value(args, ++i));
                    case "--seed" -> config = config.withSeed(number(args, ++i));
                    case "--demo" -> demo = true;
                    case "--rate" -> rate = rate(args, ++i);
                    case "--push-endpoint" -> pushEndpoint = value(args, ++i);
                    case "--allow-http-notifications" -> config = config.withHttpNotificationUrls(true);
                    case "--help", "-h" -> help = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            int https = httpsPort != null ? httpsPort : config.httpPort() == 0 ? 0 : config.httpPort() + 1;
            return new Options(config.withPorts(config.httpPort(), https), demo, rate, pushEndpoint, help);
        }

        private static double rate(String[] args, int i) {
            try {
                double rate = Double.parseDouble(value(args, i));
                if (!(rate > 0)) {
                    throw new IllegalArgumentException("--rate must be more than 0");
                }
                return rate;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--rate needs a number, not " + args[i]);
            }
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        private static long number(String[] args, int i) {
            try {
                return Long.parseLong(value(args, i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(args[i - 1] + " needs a number, not " + args[i]);
            }
        }

        private static int port(String[] args, int i) {
            long port = number(args, i);
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("no such port: " + port);
            }
            return (int) port;
        }
    }
}
