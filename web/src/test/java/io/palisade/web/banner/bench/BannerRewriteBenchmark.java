package io.palisade.web.banner.bench;

import static org.awaitility.Awaitility.await;

import io.palisade.core.connector.Provider;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.mail.RawMessageStore;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictService;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import io.palisade.m365.graph.GraphTrust;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.simulator.SimulatorConfig;
import io.palisade.simulator.control.DeliveredMessage;
import io.palisade.simulator.control.Fault;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import io.palisade.web.WebTests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Benchmark, not a test (run it by name; see docs/banners.md): from an analyst's verdict change to every copy's
 * banner rewritten in the mailboxes. A phishing message is delivered {@code bench.copies} (1,000) times over
 * {@code bench.mailboxes} (100) simulated Microsoft 365 mailboxes and recorded as SUSPICIOUS; then every Graph call
 * gets {@code bench.latency-ms} (50 ms) of added latency and an analyst raises one copy to HIGH over the REST API.
 * Measured: until every copy has a BANNER action finished after the change (through the work queue, the action
 * workers, the real Graph SDK and the connector's {@code replaceContent}). A message of {@code bench.warm-up} (200)
 * copies is rewritten first, unmeasured, as a running service would have done before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class BannerRewriteBenchmark {

    @RegisterExtension
    static final SimulatorExtension SIM =
            new SimulatorExtension(SimulatorConfig.defaults().withHttpNotificationUrls(true));

    static final int PORT = WebTests.freePort();
    static final int COPIES = Integer.getInteger("bench.copies", 1_000);
    static final int MAILBOXES = Integer.getInteger("bench.mailboxes", 100);
    static final int LATENCY_MS = Integer.getInteger("bench.latency-ms", 50);
    static final int WARM_UP = Integer.getInteger("bench.warm-up", 200);
    static SimTenant simTenant;
    static List<SimMailbox> mailboxes;

    static final String PHISH = """
            From: "Payroll Team" <payroll.team.dept@gmail.com>
            To: everyone@contoso.example
            Subject: Updated payroll details %s
            Message-ID: <%s@mail.gmail.com>
            Date: Thu, 03 Dec 2026 09:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/html; charset=utf-8

            <p>Hi, please review the new payroll portal.</p>
            <p><a href="https://payroll-portal.example.net/review">https://workforcenow.adp.com/payroll</a></p>
            """;

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MailboxRepository mailboxRepository;

    @Autowired
    MailItemRepository mailItems;

    @Autowired
    RawMessageStore rawMessages;

    @Autowired
    VerdictService verdicts;

    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void pointAtTheSimulator(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("palisade.workers.threads", () -> Integer.getInteger("bench.workers", 48));
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> Integer.getInteger("bench.db-pool", 40));
        registry.add("palisade.m365.client-id", () -> simTenant().clientId());
        registry.add("palisade.m365.client-secret", () -> simTenant().clientSecret());
        registry.add("palisade.m365.graph-base-url", SIM::graphBaseUrl);
        registry.add("palisade.m365.authority-host", SIM::authorityHost);
        registry.add("palisade.m365.notification-url", () -> "http://localhost:" + PORT + "/webhooks/m365");
        registry.add("logging.level.io.palisade", () -> "WARN");
    }

    @Test
    void measureRewriteOfEveryCopy() throws Exception {
        Tenant tenant = onboarding.onboard(simTenant().tenantId(), "Contoso");
        SIM.control().addFault(Fault.dropNotifications(10 * (COPIES + WARM_UP)));
        // A running service has rendered and written banners before: a smaller message's rewrite first, unmeasured,
        // so the figure is not the JIT compiler's first look at the rewrite path.
        long warmUp = rewrite(tenant, WARM_UP);
        report("warm-up: " + WARM_UP + " copies re-bannered in " + warmUp + " ms");
        long millis = rewrite(tenant, COPIES);
        report("rewrite: " + COPIES + " copies over " + MAILBOXES + " mailboxes re-bannered SUSPICIOUS -> HIGH in "
                + millis + " ms with " + LATENCY_MS + " ms per Graph call");
    }

    /** Delivers {@code copies} copies of a new message, then measures the rewrite of all after a verdict change. */
    private long rewrite(Tenant tenant, int copies) throws Exception {
        String subject = UUID.randomUUID().toString().substring(0, 8);
        byte[] mime = PHISH.formatted(subject, UUID.randomUUID())
                .replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        // The copies are delivered to the simulated mailboxes and recorded as ingest would record them (item, raw
        // message, a SUSPICIOUS verdict): scanning 1,000 messages on this machine takes far longer than the part
        // measured here, and its figures are detection's.
        String internetMessageId = "<" + subject + "@contoso-payroll-secure.com>";
        byte[] withId = new String(mime, StandardCharsets.UTF_8)
                .replaceFirst("Message-ID: <[^>]+>", "Message-ID: " + internetMessageId)
                .getBytes(StandardCharsets.UTF_8);
        long setupStart = System.nanoTime();
        UUID first = null;
        for (int i = 0; i < copies; i++) {
            SimMailbox simMailbox = mailboxes.get(i % MAILBOXES);
            DeliveredMessage delivered = SIM.control().deliver(simTenant().tenantId(), simMailbox.id(), withId);
            UUID item = record(tenant, simMailbox, delivered, internetMessageId, subject, withId);
            first = first == null ? item : first;
        }
        report("setup: " + copies + " copies delivered and recorded in " + (System.nanoTime() - setupStart) / 1_000_000
                + " ms");

        SIM.control().addFault(Fault.latency(-1, LATENCY_MS).onApi("graph"));
        Instant changedAt = Instant.now();
        long start = System.nanoTime();
        decide(first, "HIGH");
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> bannersDone(tenant, changedAt) >= copies);
        long millis = (System.nanoTime() - start) / 1_000_000;
        SIM.control().clearFaults();
        SIM.control().addFault(Fault.dropNotifications(10 * COPIES));
        return millis;
    }

    private UUID record(
            Tenant tenant,
            SimMailbox simMailbox,
            DeliveredMessage delivered,
            String messageId,
            String subject,
            byte[] mime) {
        Mailbox mailbox = mailboxRepository
                .findByTenantIdAndProviderAndProviderMailboxId(tenant.getId(), Provider.M365, simMailbox.id())
                .orElseThrow(() -> new IllegalStateException("mailbox " + simMailbox.id() + " not onboarded"));
        MailItem item = mailItems.save(new MailItem(
                tenant.getId(),
                mailbox.getId(),
                Provider.M365,
                delivered.id(),
                null,
                messageId,
                "dana.whitfield@contoso-payroll-secure.com",
                List.of(mailbox.getAddress()),
                "Updated payroll details " + subject,
                Instant.now(),
                delivered.folderId(),
                Instant.now()));
        rawMessages.store(tenant.getId(), item.getId(), mime, Instant.now().plus(Duration.ofDays(1)));
        verdicts.record(
                tenant.getId(),
                item.getId(),
                new Verdict(
                        50,
                        RiskLevel.SUSPICIOUS,
                        List.of(new Signal(
                                "LOOKALIKE_BRAND_DOMAIN",
                                "sender",
                                50,
                                "The sender's domain imitates contoso.com",
                                "contoso.com")),
                        "bench"),
                VerdictCause.SCAN,
                null);
        return item.getId();
    }

    private int bannersDone(Tenant tenant, Instant after) {
        // One finished BANNER action per copy after the change: the copies' newest rewrites.
        return jdbc.queryForObject(
                "SELECT count(DISTINCT mail_item_id) FROM actions WHERE tenant_id = ? AND kind = 'BANNER'"
                        + " AND status = 'DONE' AND created_at > ?",
                Integer.class,
                tenant.getId(),
                Timestamp.from(after));
    }

    private void decide(UUID item, String level) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + PORT + "/api/v1/messages/" + item + "/verdict"))
                .header("Content-Type", "application/json")
                .header("Authorization", WebTests.ADMIN_BASIC_AUTH)
                .POST(HttpRequest.BodyPublishers.ofString("{\"level\":\"" + level + "\",\"reason\":\"benchmark\"}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("verdict API answered " + response.statusCode());
        }
    }

    private static void report(String line) {
        System.out.println("BENCH banner-rewrite " + line);
    }

    private static synchronized SimTenant simTenant() {
        if (simTenant == null) {
            simTenant = SIM.control().createTenant("contoso.example");
            mailboxes = SIM.control().createMailboxes(simTenant.tenantId(), "user", MAILBOXES);
        }
        return simTenant;
    }

    @TestConfiguration
    static class TrustTheSimulator {
        @Bean
        GraphTrust graphTrust() {
            return new GraphTrust(SIM.sslContext(), SIM.trustManager());
        }
    }
}
