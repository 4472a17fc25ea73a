package io.palisade.simulator.cli;

import com.sun.net.httpserver.HttpServer;
import io.palisade.simulator.Simulator;
import io.palisade.simulator.SimulatorConfig;
import io.palisade.simulator.google.GmailMailbox;
import io.palisade.simulator.google.GoogleDomain;
import io.palisade.simulator.mail.MailDrop;
import io.palisade.simulator.server.Json;
import io.palisade.simulator.state.MimeSource;
import io.palisade.simulator.state.Tenant;
import io.palisade.simulator.traffic.Delivery;
import io.palisade.simulator.traffic.Mailbox;
import io.palisade.simulator.traffic.MailboxDirectory;
import io.palisade.simulator.traffic.ReceivingPlatform;
import io.palisade.simulator.traffic.TrafficGenerator;
import io.palisade.simulator.traffic.TrafficSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The scale benchmark: loads half the mailboxes into a Microsoft 365 tenant and half into a Google Workspace domain,
 * delivers generated mail until the message count is reached (each message kept as its generator index and
 * rendered again on request), and reports the heap used after a full GC; then subscribes mailboxes to a loopback
 * webhook and measures how many change notifications a second reach it.
 *
 * <pre>
 * java -Xmx2g -cp simulator/target/palisade-simulator.jar io.palisade.simulator.cli.ScaleBenchmark \
 *      [--mailboxes 10000] [--messages 200000] [--notifications 40000] [--subscribed 200]
 * </pre>
 */
public final class ScaleBenchmark {

    private static final java.io.PrintStream OUT = System.out;

    private ScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "palisade-simulator-logback.xml");
        }
        Map<String, Integer> options = options(args);
        int mailboxes = options.getOrDefault("--mailboxes", 10_000);
        int messages = options.getOrDefault("--messages", 200_000);
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withPorts(0, 0))) {
            Tenant tenant = sim.state().createTenant("scale.onmicrosoft.com", "Scale");
            List<io.palisade.simulator.state.Mailbox> m365 = new ArrayList<>();
            MailboxDirectory m365Directory =
                    MailboxDirectory.generated(tenant.domain(), ReceivingPlatform.MICROSOFT_365, mailboxes / 2);
            m365Directory.mailboxes().forEach(m -> m365.add(tenant.addMailbox(m.address(), m.displayName())));
            MailboxDirectory gwsDirectory =
                    MailboxDirectory.generated("scale.example", ReceivingPlatform.GOOGLE_WORKSPACE, mailboxes / 2);
            GoogleDomain domain = sim.google()
                    .createDomain(
                            "scale.example",
                            gwsDirectory.mailboxes().stream()
                                    .map(Mailbox::address)
                                    .toList());

            long start = System.nanoTime();
            long stored = loadMicrosoft(tenant, m365Directory, messages / 2)
                    + loadGoogle(sim, domain, gwsDirectory, messages - messages / 2);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.gc();
            Thread.sleep(500);
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long max = Runtime.getRuntime().maxMemory();
            OUT.printf(
                    "scale: %d mailboxes, %d messages stored in %.0f s; heap used after GC %d MiB of %d MiB max%n",
                    m365.size() + domain.mailboxes().size(), stored, seconds, used >> 20, max >> 20);

            notifications(
                    sim,
                    tenant,
                    m365.subList(0, Math.min(m365.size(), options.getOrDefault("--subscribed", 200))),
                    options.getOrDefault("--notifications", 40_000));
        }
    }

    private static long loadMicrosoft(Tenant tenant, MailboxDirectory directory, int target) {
        TrafficGenerator generator =
                new TrafficGenerator(directory, TrafficSettings.withSeed(11).withTeamsShare(0));
        long stored = 0;
        for (long i = 0; stored < target; i++) {
            Delivery delivery = generator.render(i);
            byte[] rendered = delivery.mail().mime();
            MimeSource source = new Regenerated(generator, i, rendered.length);
            for (Mailbox recipient : delivery.plan().recipients()) {
                if (stored >= target) {
                    break;
                }
                stored++;
                MailDrop.deliver(tenant.mailbox(recipient.address()).orElseThrow(), "inbox", source, rendered, null);
            }
        }
        return stored;
    }

    private static long loadGoogle(Simulator sim, GoogleDomain domain, MailboxDirectory directory, int target) {
        TrafficGenerator generator =
                new TrafficGenerator(directory, TrafficSettings.withSeed(12).withTeamsShare(0));
        long stored = 0;
        Instant now = Instant.now();
        for (long i = 0; stored < target; i++) {
            Delivery delivery = generator.render(i);
            byte[] rendered = delivery.mail().mime();
            long index = i;
            Supplier<byte[]> source = () -> generator.render(index).mail().mime();
            for (Mailbox recipient : delivery.plan().recipients()) {
                if (stored >= target) {
                    break;
                }
                stored++;
                GmailMailbox mailbox = domain.mailbox(recipient.address()).orElseThrow();
                io.palisade.simulator.google.Delivery.toInbox(mailbox, source, rendered, now);
            }
        }
        return stored;
    }

    /** Generated mail kept as its index: about 40 bytes instead of the message. */
    private record Regenerated(TrafficGenerator generator, long index, int size) implements MimeSource {
        @Override
        public byte[] bytes() {
            return generator.render(index).mail().mime();
        }
    }

    private static void notifications(
            Simulator sim, Tenant tenant, List<io.palisade.simulator.state.Mailbox> subscribed, int count)
            throws Exception {
        AtomicLong received = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", exchange -> {
            String token = exchange.getRequestURI().getRawQuery();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (token != null && token.startsWith("validationToken=")) {
                byte[] echo = java.net.URLDecoder.decode(token.substring(16), StandardCharsets.UTF_8)
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, echo.length);
                exchange.getResponseBody().write(echo);
            } else {
                received.addAndGet(Json.mapper().readTree(body).get("value").size());
                exchange.sendResponseHeaders(202, -1);
            }
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhook";
            String app = sim.state()
                    .registerApplication(null, null, "bench", java.util.Set.of("Mail.Read"), List.of())
                    .clientId();
            tenant.grant(app, java.util.Set.of("Mail.Read"));
            String token =
                    sim.tokens().issueGraphToken(tenant.id(), app, "bench", java.util.Set.of("Mail.Read"), false);
            for (io.palisade.simulator.state.Mailbox mailbox : subscribed) {
                subscribe(sim, token, url, mailbox.id());
            }
            byte[] mime = ("From: a@b.example\r\nTo: c@d.example\r\nSubject: load\r\nMessage-ID: <load@x>\r\n"
                            + "Date: Thu, 12 Nov 2026 08:00:00 +0000\r\n\r\nbody\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                MailDrop.deliver(subscribed.get(i % subscribed.size()), "inbox", mime, null);
            }
            double deliverSeconds = (System.nanoTime() - start) / 1e9;
            while (received.get() < count && System.nanoTime() - start < 300_000_000_000L) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            OUT.printf(
                    "notifications end to end: %d of %d received by a loopback webhook in %.2f s = %.0f a second"
                            + " (%d subscriptions; mail delivered in %.2f s)%n",
                    received.get(), count, seconds, received.get() / seconds, subscribed.size(), deliverSeconds);
            drain(sim, subscribed, mime, received, count);
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * The sending side alone: with the endpoint unreachable, {@code count} notifications pile up; then the endpoint
     * comes back and the time to deliver the backlog is measured.
     */
    private static void drain(
            Simulator sim,
            List<io.palisade.simulator.state.Mailbox> subscribed,
            byte[] mime,
            AtomicLong received,
            int count)
            throws InterruptedException {
        long before = received.get();
        sim.faults().endpointUnreachable(true);
        for (int i = 0; i < count; i++) {
            MailDrop.deliver(subscribed.get(i % subscribed.size()), "inbox", mime, null);
        }
        while (sim.graph().notifications().pendingCount() < count) {
            Thread.sleep(5);
        }
        long start = System.nanoTime();
        sim.faults().endpointUnreachable(false);
        sim.graph().notifications().retryNow();
        while (received.get() - before < count && System.nanoTime() - start < 300_000_000_000L) {
            Thread.sleep(2);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        OUT.printf(
                "notifications backlog: %d delivered to a loopback webhook in %.2f s = %.0f a second%n",
                received.get() - before, seconds, (received.get() - before) / seconds);
    }

    private static void subscribe(Simulator sim, String token, String url, String mailboxId)
            throws IOException, InterruptedException {
        Map<String, Object> body = Map.of(
                "changeType",
                "created",
                "notificationUrl",
                url,
                "resource",
                "users/" + mailboxId + "/messages",
                "expirationDateTime",
                Instant.now().plus(Duration.ofHours(2)).toString(),
                "clientState",
                "bench");
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.httpBaseUrl() + "/v1.0/subscriptions"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("subscription refused: " + response.statusCode() + " " + response.body());
        }
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            out.put(args[i], Integer.parseInt(args[i + 1]));
        }
        return out;
    }
}
