package io.palisade.web.lifecycle.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.campaign.Campaign;
import io.palisade.core.campaign.CampaignService;
import io.palisade.core.tenant.Tenant;
import io.palisade.m365.graph.GraphTrust;
import io.palisade.m365.mail.QuarantinePreparation;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.simulator.SimulatorConfig;
import io.palisade.simulator.control.Fault;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import io.palisade.simulator.mail.MailDrop;
import io.palisade.simulator.state.Mailbox;
import io.palisade.simulator.state.StoredMessage;
import io.palisade.web.WebTests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
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
 * Benchmark, not a test (run it by name; see docs/lifecycle.md): a campaign clawed back through the REST API, the
 * Microsoft 365 connector and the real Graph SDK against the simulator, every Graph call 50 ms slower. One copy of
 * a phishing message in each of {@code bench.copies} (10,000) simulated mailboxes; an analyst's MALICIOUS verdict on
 * the campaign; measured until every copy is in its mailbox's quarantine folder, with the clawback's search of
 * every mailbox by internet message id running beside the moves. {@code bench.unrecorded} (1,000) of the copies are
 * delivered without Palisade recording them, so only that search finds them, and the clock stops when they too are
 * in quarantine. Then every mailbox is checked in the simulator:
 * one copy, in its one quarantine folder. A second measurement takes campaigns of 100 copies one after the other and
 * reports their percentiles, from the analyst's request to the last copy moved.
 *
 * <p>Set-up, not measured: the tenant is onboarded with one mailbox, then the others are added to the simulator and
 * recorded as discovery records them (without subscriptions, whose creation and validation would take the set-up
 * minutes, but with the quarantine folder discovery has made in each), and the copies are delivered in the
 * simulator's process and recorded as ingest records them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ClawbackSimulatorBenchmark {

    @RegisterExtension
    static final SimulatorExtension SIM =
            new SimulatorExtension(SimulatorConfig.defaults().withHttpNotificationUrls(true));

    static final int PORT = WebTests.freePort();
    static final int COPIES = Integer.getInteger("bench.copies", 10_000);
    static final int LATENCY_MS = Integer.getInteger("bench.latency-ms", 50);
    static final int SMALL_COPIES = Integer.getInteger("bench.small-copies", 100);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 20);
    // Copies delivered but never recorded by Palisade: only the clawback's search of every mailbox finds them.
    static final int UNRECORDED = Integer.getInteger("bench.unrecorded", 1_000);
    static final String QUARANTINE = "Palisade Quarantine";
    static SimTenant simTenant;
    static Tenant tenant;
    // Our mailbox id by the simulator's.
    static final Map<String, UUID> MAILBOX_IDS = new ConcurrentHashMap<>();

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    CampaignService campaigns;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    QuarantinePreparation preparation;

    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void pointAtTheSimulator(DynamicPropertyRegistry registry) {
        WebTests.pointAtSimulator(registry, PORT, SIM, ClawbackSimulatorBenchmark::simTenant);
        registry.add("palisade.workers.threads", () -> Integer.getInteger("bench.workers", 64));
        registry.add("palisade.workers.idle-poll", () -> "200ms");
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> Integer.getInteger("bench.db-pool", 40));
        registry.add("logging.level.io.palisade", () -> "WARN");
    }

    @Test
    void measureClawbackOfEveryCopy() throws Exception {
        long setupStart = System.nanoTime();
        Tenant tenant = tenant();
        List<SimMailbox> added = watchedMailboxes(tenant, "staff", COPIES);
        String internetMessageId = messageId();
        UUID seed = deliverAndRecord(tenant, added, internetMessageId, UNRECORDED);
        Campaign campaign = campaigns.formAround(tenant.getId(), seed);
        report("setup: " + COPIES + " mailboxes, one copy each, " + (COPIES - UNRECORDED)
                + " recorded and in one campaign, " + UNRECORDED + " for the search to find, in "
                + (System.nanoTime() - setupStart) / 1_000_000 + " ms");

        SIM.control().addFault(Fault.latency(-1, LATENCY_MS).onApi("graph"));
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> verdict = decide(campaign.id());
        CompletableFuture<Long> answered = verdict.thenApply(r -> (System.nanoTime() - start) / 1_000_000);
        await().atMost(Duration.ofMinutes(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> quarantinesDone(tenant, internetMessageId) >= COPIES);
        long millis = (System.nanoTime() - start) / 1_000_000;
        SIM.control().clearFaults();
        report("clawback: " + COPIES + " copies in " + COPIES + " mailboxes (" + UNRECORDED
                + " found by the search) quarantined in " + millis + " ms ("
                + Math.round(COPIES * 1000.0 / millis) + " copies/s) with " + LATENCY_MS
                + " ms per Graph call; the verdict request answered after " + answered.get() + " ms");

        assertThat(verdict.get().statusCode()).isEqualTo(202);
        assertThat(everyCopyQuarantinedOnce(added, internetMessageId)).isEqualTo(COPIES);
    }

    /**
     * Campaigns of {@code bench.small-copies} (100) copies, one after the other ({@code bench.rounds}, 20), each a new
     * message in the same mailboxes: from the analyst's request to the last copy in quarantine.
     */
    @Test
    void measureSmallCampaigns() throws Exception {
        Tenant tenant = tenant();
        List<SimMailbox> mailboxes = watchedMailboxes(tenant, "team", SMALL_COPIES);
        List<Long> millis = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String internetMessageId = messageId();
            Campaign campaign =
                    campaigns.formAround(tenant.getId(), deliverAndRecord(tenant, mailboxes, internetMessageId, 0));
            SIM.control().addFault(Fault.latency(-1, LATENCY_MS).onApi("graph"));
            long start = System.nanoTime();
            HttpResponse<String> verdict = decide(campaign.id()).get();
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> quarantinesDone(tenant, internetMessageId) >= SMALL_COPIES);
            millis.add((System.nanoTime() - start) / 1_000_000);
            SIM.control().clearFaults();
            assertThat(verdict.statusCode()).isEqualTo(202);
            assertThat(everyCopyQuarantinedOnce(mailboxes, internetMessageId)).isEqualTo(SMALL_COPIES);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        report("small campaigns: " + ROUNDS + " campaigns of " + SMALL_COPIES + " copies, verdict to last copy"
                + " quarantined with " + LATENCY_MS + " ms per Graph call: p50 " + percentile(sorted, 50) + " ms, p95 "
                + percentile(sorted, 95) + " ms, max " + sorted.getLast() + " ms (in order: " + millis + ")");
    }

    private static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    /** The tenant, onboarded with its one mailbox on first use. */
    private Tenant tenant() throws Exception {
        synchronized (ClawbackSimulatorBenchmark.class) {
            if (tenant == null) {
                tenant = onboarding.onboard(simTenant().tenantId(), "Contoso");
                // No subscriptions are made for the added mailboxes; no notification is wanted either.
                SIM.control().addFault(Fault.dropNotifications(Integer.MAX_VALUE));
            }
            return tenant;
        }
    }

    /**
     * {@code count} mailboxes added to the simulator and recorded as discovery records them, each with the quarantine
     * folder discovery makes ahead of any clawback.
     */
    private List<SimMailbox> watchedMailboxes(Tenant tenant, String prefix, int count) {
        List<SimMailbox> added = SIM.control().createMailboxes(simTenant().tenantId(), prefix, count);
        UUID connection = jdbc.queryForObject(
                "SELECT id FROM provider_connections WHERE tenant_id = ?", UUID.class, tenant.getId());
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> rows = new ArrayList<>();
        for (SimMailbox simMailbox : added) {
            UUID mailbox = UUID.randomUUID();
            MAILBOX_IDS.put(simMailbox.id(), mailbox);
            rows.add(new Object[] {
                mailbox, tenant.getId(), connection, simMailbox.id(), simMailbox.userPrincipalName(), now
            });
        }
        jdbc.batchUpdate("""
                INSERT INTO mailboxes (id, tenant_id, connection_id, provider, provider_mailbox_id, address, status,
                    created_at) VALUES (?, ?, ?, 'M365', ?, ?, 'ACTIVE', ?)
                """, rows);
        preparation.request(
                tenant.getId(), added.stream().map(m -> MAILBOX_IDS.get(m.id())).toList());
        await().atMost(Duration.ofMinutes(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> unpreparedMailboxes(tenant) == 0);
        return added;
    }

    private static String messageId() {
        return "<" + UUID.randomUUID() + "@contoso-payroll-secure.com>";
    }

    /**
     * One copy in each mailbox's inbox, delivered in the simulator's process and, but for the last {@code unrecorded}
     * mailboxes' copies, recorded as ingest records it, with a LOW scan verdict; returns the first copy's mail item.
     */
    private UUID deliverAndRecord(Tenant tenant, List<SimMailbox> mailboxes, String internetMessageId, int unrecorded) {
        byte[] mime = """
                From: "Payroll Team" <payroll@contoso-payroll-secure.com>
                To: everyone@contoso.example
                Subject: Updated payroll details
                Message-ID: %s
                Date: Thu, 03 Dec 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8

                <p>Please review the new payroll portal: <a href="https://payroll-portal.example.net/">review</a></p>
                """.formatted(internetMessageId).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        io.palisade.simulator.state.Tenant state =
                SIM.simulator().state().tenant(simTenant().tenantId()).orElseThrow();
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> items = new ArrayList<>();
        List<Object[]> verdicts = new ArrayList<>();
        int recorded = mailboxes.size() - unrecorded;
        for (SimMailbox simMailbox : mailboxes) {
            String providerId = MailDrop.deliver(
                            state.mailbox(simMailbox.id()).orElseThrow(), "inbox", mime, now.toInstant())
                    .id();
            if (items.size() == recorded) {
                continue;
            }
            UUID item = UUID.randomUUID();
            items.add(new Object[] {
                item, tenant.getId(), MAILBOX_IDS.get(simMailbox.id()), providerId, internetMessageId, now, now
            });
            verdicts.add(new Object[] {UUID.randomUUID(), tenant.getId(), item, now});
        }
        jdbc.batchUpdate("""
                INSERT INTO mail_items (id, tenant_id, mailbox_id, provider, provider_message_id, internet_message_id,
                    sender, subject, received_at, folder, created_at)
                VALUES (?, ?, ?, 'M365', ?, ?, 'payroll@contoso-payroll-secure.com', 'Updated payroll details', ?,
                    'inbox', ?)
                """, items);
        jdbc.batchUpdate("""
                INSERT INTO verdicts (id, tenant_id, mail_item_id, version, score, level, signals, engine_version,
                    cause, created_at) VALUES (?, ?, ?, 1, 10, 'LOW', '[]', 'bench', 'SCAN', ?)
                """, verdicts);
        return (UUID) items.getFirst()[0];
    }

    private CompletableFuture<HttpResponse<String>> decide(UUID campaign) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + PORT + "/api/v1/campaigns/" + campaign + "/verdict"))
                .header("Content-Type", "application/json")
                .header("Authorization", WebTests.ADMIN_BASIC_AUTH)
                .timeout(Duration.ofMinutes(20))
                .POST(HttpRequest.BodyPublishers.ofString("{\"level\":\"MALICIOUS\",\"reason\":\"benchmark\"}"))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private int unpreparedMailboxes(Tenant tenant) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM work_items WHERE tenant_id = ? AND kind = ? AND state <> 'DONE'",
                Integer.class,
                tenant.getId(),
                QuarantinePreparation.KIND);
    }

    private int quarantinesDone(Tenant tenant, String internetMessageId) {
        return jdbc.queryForObject(
                "SELECT count(DISTINCT a.mail_item_id) FROM actions a JOIN mail_items m"
                        + " ON m.tenant_id = a.tenant_id AND m.id = a.mail_item_id WHERE a.tenant_id = ?"
                        + " AND m.internet_message_id = ? AND a.kind = 'QUARANTINE' AND a.status = 'DONE'",
                Integer.class,
                tenant.getId(),
                internetMessageId);
    }

    /** How many of the mailboxes hold exactly one copy, in their one quarantine folder. */
    private long everyCopyQuarantinedOnce(List<SimMailbox> mailboxes, String internetMessageId) {
        io.palisade.simulator.state.Tenant state =
                SIM.simulator().state().tenant(simTenant().tenantId()).orElseThrow();
        return mailboxes.stream()
                .map(m -> state.mailbox(m.id()).orElseThrow())
                .filter(mailbox -> inQuarantineOnce(mailbox, internetMessageId))
                .count();
    }

    private static boolean inQuarantineOnce(Mailbox mailbox, String internetMessageId) {
        List<StoredMessage> copies = mailbox.messages().stream()
                .filter(m -> internetMessageId.equals(m.internetMessageId()))
                .toList();
        Map<String, String> folders =
                mailbox.folders().stream().collect(Collectors.toMap(f -> f.id(), f -> f.displayName(), (a, b) -> a));
        long quarantineFolders = mailbox.folders().stream()
                .filter(f -> QUARANTINE.equals(f.displayName()))
                .count();
        return copies.size() == 1
                && QUARANTINE.equals(folders.get(copies.getFirst().folderId()))
                && quarantineFolders == 1;
    }

    private static void report(String line) {
        System.out.println("BENCH clawback-sim " + line);
    }

    private static synchronized SimTenant simTenant() {
        if (simTenant == null) {
            simTenant = SIM.control().createTenant("contoso.example");
            SIM.control().createMailbox(simTenant.tenantId(), "admin", "Admin");
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
