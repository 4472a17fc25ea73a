package io.palisade.web.banner.bench;

import io.palisade.banners.live.LiveTokens;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.tenant.Tenant;
import io.palisade.detection.api.RiskLevel;
import io.palisade.web.banner.LiveEventHub;
import io.palisade.web.banner.LiveFixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Benchmark, not a test (run it by name; see docs/benchmarks.md): from a verdict change to every open live page.
 * One instance of the application holds {@code bench.clients} (10,000) SSE streams opened by a separate client
 * process, on the pages of {@code bench.copies} (1,000) copies of one phishing message; each round records a new
 * verdict on one copy and measures, at every stream, the time from just before the verdict is written until the
 * new state arrives. Prints p50, p99 and max per round.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.tomcat.max-connections=15000", "palisade.workers.enabled=false"})
class LiveFanOutBenchmark {

    private static final RiskLevel[] ROUNDS = {
        RiskLevel.HIGH, RiskLevel.MALICIOUS, RiskLevel.SUSPICIOUS, RiskLevel.HIGH, RiskLevel.MALICIOUS, RiskLevel.LOW
    };

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    LiveTokens tokens;

    @Autowired
    LiveEventHub hub;

    @Test
    void measureFanOut() throws Exception {
        int clients = Integer.getInteger("bench.clients", 10_000);
        int copies = Integer.getInteger("bench.copies", 1_000);
        LiveFixtures fixtures = new LiveFixtures(context);
        Tenant tenant = fixtures.tenant("Bench " + UUID.randomUUID());
        String messageId = "<" + UUID.randomUUID() + "@contoso-payroll.com>";
        List<String> urls = new ArrayList<>();
        MailItem first = null;
        for (int i = 0; i < copies; i++) {
            Mailbox mailbox = fixtures.mailbox(tenant, "user" + i);
            MailItem item = fixtures.item(mailbox, messageId);
            fixtures.verdict(item, RiskLevel.SUSPICIOUS, LiveFixtures.LOOKALIKE);
            urls.add("http://localhost:" + port + "/b/" + tokens.issue(tenant.getId(), item.getId()) + "/events");
            first = first == null ? item : first;
        }
        Path file = Files.createTempFile("live-pages", ".txt");
        Files.write(file, urls);

        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LiveStreamClients.class.getName(),
                        file.toString(),
                        Integer.toString(clients))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        long connectStart = System.nanoTime();
        report("clients " + out.readLine() + " connected in " + (System.nanoTime() - connectStart) / 1_000_000
                + " ms; open streams on the server " + hub.openStreams());
        for (RiskLevel level : ROUNDS) {
            in.println("EXPECT " + level);
            Thread.sleep(100); // the client takes the expectation before the change can arrive
            in.println("T0 " + LiveStreamClients.micros(Instant.now()));
            fixtures.verdict(first, level, LiveFixtures.LOOKALIKE);
            String done = out.readLine();
            while (done != null && !done.startsWith("DONE")) {
                done = out.readLine();
            }
            report("round level=" + level + " received/p50/p99/max(ms) " + done);
        }
        in.println("QUIT");
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static void report(String line) {
        System.out.println("BENCH live-fan-out " + line);
    }
}
