package io.palisade.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.queue.WorkItem;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.queue.WorkState;
import io.palisade.core.tenant.TenantService;
import io.palisade.m365.graph.GraphTrust;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.m365.subscription.SubscriptionRenewal;
import io.palisade.simulator.SimulatorConfig;
import io.palisade.simulator.control.MailboxState;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A customer's Microsoft 365 tenant from the administrator's consent to protected mail and chats, over HTTP and the
 * real Graph SDK against the simulator: the consent link and callback onboard the tenant, every mailbox and the
 * tenant's chats are subscribed, suspicious mail gets a banner, ordinary mail does not, an analyst's verdict
 * quarantines, a chat message carrying a disguised program is hidden, and the console claws back and releases a
 * campaign, shows each connector's health and puts a dead letter back; a subscription Graph refuses for its quota
 * shows in health and the console until the renewal job makes it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class M365TenantAcceptanceTest {

    @RegisterExtension
    static final SimulatorExtension SIM =
            new SimulatorExtension(SimulatorConfig.defaults().withHttpNotificationUrls(true));

    static final int PORT = WebTests.freePort();
    static SimTenant appHome;
    static SimTenant customer;
    static List<SimMailbox> staff;
    static UUID tenantId;

    static final String PHISH = """
            From: "Payroll Team" <payroll.team.dept@gmail.com>
            To: ines@northwind.example
            Subject: Updated payroll details %s
            Message-ID: <%s@mail.gmail.com>
            Date: Fri, 04 Dec 2026 08:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/html; charset=utf-8

            <p>Hi, please review the new payroll portal.</p>
            <p><a href="https://payroll-portal.example.net/review">https://workforcenow.adp.com/payroll</a></p>
            """;

    static final String ORDINARY = """
            From: "Ines Duarte" <ines@northwind.example>
            To: omar@northwind.example
            Subject: Stand-up notes %s
            Message-ID: <%s@northwind.example>
            Date: Fri, 04 Dec 2026 08:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Hi Omar, the notes from this morning are in the team folder. Thanks.
            """;

    /** Sent to every mailbox under one Message-ID; unlike the other messages here, so its campaign is its copies. */
    static final String CIRCULAR = """
            From: "Facilities" <facilities@northwind.example>
            To: all-staff@northwind.example
            Subject: Car park closure %s
            Message-ID: <%s@northwind.example>
            Date: Fri, 04 Dec 2026 08:30:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            The east car park is closed on Saturday for resurfacing. Please use the west entrance until Monday.
            """;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    WorkQueue workQueue;

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    TenantService tenants;

    @Autowired
    SubscriptionRenewal renewal;

    final HttpClient admin =
            HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @DynamicPropertySource
    static void pointAtTheSimulator(DynamicPropertyRegistry registry) {
        WebTests.pointAtSimulator(registry, PORT, SIM, M365TenantAcceptanceTest::home);
    }

    @Test
    @Order(1)
    void adminConsentOnboardsTheTenantAndSubscribesEveryMailboxAndItsChats() throws Exception {
        HttpResponse<String> link = get("/api/v1/onboarding/m365/consent-link?tenant=northwind.example&name=Northwind");
        assertThat(link.statusCode()).isEqualTo(200);
        URI consentUrl =
                URI.create(WebTests.JSON.readTree(link.body()).get("url").asString());

        URI callback = followToCallback(consentUrl);
        HttpResponse<String> onboarded = get(callback.getRawPath() + "?" + callback.getRawQuery());

        assertThat(onboarded.statusCode()).isEqualTo(201);
        JsonNode body = WebTests.JSON.readTree(onboarded.body());
        tenantId = UUID.fromString(body.get("tenantId").asString());
        assertThat(body.get("missing").isEmpty()).as("every role granted").isTrue();
        List<JsonNode> subscriptions = SIM.control().subscriptions(customer.tenantId());
        for (SimMailbox mailbox : staff) {
            assertThat(subscriptions)
                    .as("a message subscription for %s", mailbox.id())
                    .anySatisfy(s -> assertThat(s.get("resource").asString()).contains(mailbox.id()));
        }
        assertThat(subscriptions)
                .anySatisfy(s -> assertThat(s.get("resource").asString()).isEqualTo("/chats/getAllMessages"));
    }

    @Test
    @Order(2)
    void suspiciousMailGetsABannerAndOrdinaryMailStaysAsItCame() throws Exception {
        String phish = deliver(staff.get(0), PHISH);
        String ordinary = deliver(staff.get(1), ORDINARY);

        await().atMost(Duration.ofSeconds(60)).until(() -> level(ordinary) != null && level(phish) != null);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(bodyInMailbox(staff.get(0), phish)).contains("data-palisade-marker"));

        assertThat(level(phish)).isIn("SUSPICIOUS", "HIGH", "MALICIOUS");
        assertThat(level(ordinary)).isIn("CLEAN", "LOW");
        assertThat(bodyInMailbox(staff.get(1), ordinary)).doesNotContain("data-palisade-marker");
    }

    @Test
    @Order(3)
    void anAnalystsMaliciousVerdictQuarantinesTheMessage() throws Exception {
        String subject = deliver(staff.get(2), ORDINARY);
        await().atMost(Duration.ofSeconds(60)).until(() -> level(subject) != null);
        String itemId = jdbc.queryForObject(
                "SELECT id::text FROM mail_items WHERE tenant_id = ? AND subject LIKE ?",
                String.class,
                tenantId,
                "%" + subject + "%");

        HttpResponse<String> verdict = post(
                "/api/v1/messages/" + itemId + "/verdict",
                "{\"level\":\"MALICIOUS\",\"reason\":\"reported by the finance team\"}");

        assertThat(verdict.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "Palisade Quarantine".equals(folderOf(staff.get(2), subject)));
    }

    @Test
    @Order(4)
    void aChatMessageCarryingADisguisedProgramIsHidden() {
        String chatId = SIM.control()
                .createChat(
                        customer.tenantId(),
                        "Month end",
                        List.of(staff.get(0).id(), staff.get(1).id()));
        Map<String, Object> file = Map.of(
                "name", "statement.pdf",
                "contentType", "application/pdf",
                "contentBase64", Base64.getEncoder().encodeToString(disguisedProgram()));
        String messageId = SIM.control()
                .postChatMessage(
                        customer.tenantId(),
                        chatId,
                        Map.of("from", staff.get(1).id(), "html", "<p>statement attached</p>", "files", List.of(file)))
                .path("id")
                .asString();

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode violation = SIM.control()
                    .chatMessage(customer.tenantId(), chatId, messageId)
                    .path("policyViolation");
            return !violation.isMissingNode() && !violation.isNull();
        });
    }

    @Test
    @Order(5)
    void theConsoleClawsBackAndReleasesACampaignAndShowsEveryCopysProgress() throws Exception {
        String subject = UUID.randomUUID().toString().substring(0, 8);
        byte[] mime = CIRCULAR.formatted(subject, UUID.randomUUID())
                .replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        staff.forEach(m -> SIM.control().deliver(customer.tenantId(), m.id(), mime));
        await().atMost(Duration.ofSeconds(60)).until(() -> itemIds(subject).size() == staff.size());
        HttpResponse<String> formed =
                post("/api/v1/messages/" + itemIds(subject).getFirst() + "/campaign", "");
        assertThat(formed.statusCode()).isEqualTo(201);
        String campaignId =
                WebTests.JSON.readTree(formed.body()).at("/campaign/id").asString();

        HttpResponse<String> decided = submit(
                "/campaigns/" + campaignId,
                "/campaigns/" + campaignId + "/verdict",
                "level=MALICIOUS&reason=payroll+lure");

        assertThat(decided.statusCode()).isEqualTo(302);
        for (SimMailbox mailbox : staff) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> "Palisade Quarantine".equals(folderOf(mailbox, subject)));
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(get("/campaigns/" + campaignId).body())
                        .contains("3 of 3 copies finished")
                        .contains("QUARANTINE asked by admin")
                        .containsPattern("<td>MALICIOUS</td>\\s*<td>admin</td>")
                        .contains("<td>all 3</td>"));
        assertThat(get("/campaigns").body()).contains(campaignId);

        HttpResponse<String> released =
                submit("/campaigns/" + campaignId, "/campaigns/" + campaignId + "/release", "reason=false+alarm");

        assertThat(released.statusCode()).isEqualTo(302);
        for (SimMailbox mailbox : staff) {
            await().atMost(Duration.ofSeconds(60)).until(() -> "Inbox".equals(folderOf(mailbox, subject)));
        }
    }

    @Test
    @Order(6)
    void theConsoleShowsEachConnectorsHealthAndAFailedSubscriptionWithItsError() throws Exception {
        String healthy = get("/connectors").body();
        assertThat(healthy).contains("Northwind").contains("healthy").contains("ACTIVE: 4");

        String quotaError = "403 ExtensionError: quota of subscriptions reached";
        String failChats = """
                UPDATE m365_subscriptions SET status = 'FAILED', last_error = ?
                 WHERE tenant_id = ? AND mailbox_id IS NULL""";
        jdbc.update(failChats, quotaError, tenantId);
        String degraded = get("/connectors").body();

        assertThat(degraded).contains("needs attention").contains("quota of subscriptions reached");
    }

    @Test
    @Order(7)
    void theConsoleListsADeadLetterAndPutsItBack() throws Exception {
        workQueue.enqueue(tenantId, "test.console", UUID.randomUUID().toString(), "{}");
        WorkItem claimed = workQueue
                .claim(List.of("test.console"), "test", Duration.ofMinutes(1), 1)
                .getFirst();
        workQueue.failPermanently(claimed.id(), claimed.leaseToken(), "mailbox no longer licensed");

        assertThat(get("/dead-letters").body())
                .contains(claimed.id().toString())
                .contains("mailbox no longer licensed");
        HttpResponse<String> retried =
                submit("/dead-letters", "/dead-letters/" + tenantId + "/" + claimed.id() + "/retry", "");

        assertThat(retried.statusCode()).isEqualTo(302);
        assertThat(workQueue.find(tenantId, claimed.id()).orElseThrow().state()).isEqualTo(WorkState.READY);
    }

    @Test
    @Order(8)
    void aSubscriptionRefusedForQuotaShowsInHealthAndTheConsoleUntilTheRenewalJobMakesIt() throws Exception {
        SimMailbox newcomer = SIM.control().createMailbox(customer.tenantId(), "nadia", "Nadia Rahman");
        SIM.control().addForeignSubscriptions(customer.tenantId(), newcomer.id(), 1_000);
        String resource = "/users/" + newcomer.id() + "/messages";

        onboarding.refresh(tenants.require(tenantId));

        JsonNode refused = WebTests.JSON.readTree(get("/actuator/health/m365").body());
        assertThat(refused.at("/details/failedCreations").asInt()).isEqualTo(1);
        assertThat(refused.at("/details/degraded").asBoolean()).isTrue();
        assertThat(get("/connectors").body())
                .contains("needs attention")
                .contains("CREATE_FAILED")
                .contains(resource)
                .contains("reached the limit of 1000");

        SIM.control().removeForeignSubscriptions(customer.tenantId(), newcomer.id());
        jdbc.update(
                "UPDATE m365_subscriptions SET next_attempt_at = now()"
                        + " WHERE tenant_id = ? AND status = 'CREATE_FAILED'",
                tenantId);
        renewal.renewDue();

        JsonNode repaired = WebTests.JSON.readTree(get("/actuator/health/m365").body());
        assertThat(repaired.at("/details/failedCreations").asInt()).isZero();
        assertThat(get("/connectors").body()).doesNotContain("CREATE_FAILED").doesNotContain(resource);
        assertThat(SIM.control().subscriptions(customer.tenantId()))
                .anySatisfy(s -> assertThat(s.get("resource").asString()).isEqualTo(resource));
    }

    /** Posts a console form the way a browser does: the CSRF token from the page, the session's cookie. */
    private HttpResponse<String> submit(String page, String action, String form) throws Exception {
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(get(page).body());
        assertThat(csrf.find()).as("the page's forms carry a CSRF token").isTrue();
        String body = (form.isEmpty() ? "" : form + "&") + "_csrf=" + csrf.group(1);
        return admin.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + action))
                        .header("Authorization", WebTests.ADMIN_BASIC_AUTH)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<String> itemIds(String subject) {
        return jdbc.queryForList(
                "SELECT id::text FROM mail_items WHERE tenant_id = ? AND subject LIKE ? ORDER BY id",
                String.class,
                tenantId,
                "%" + subject + "%");
    }

    private URI followToCallback(URI consentUrl) throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .sslContext(SIM.sslContext())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<Void> redirect =
                browser.send(HttpRequest.newBuilder(consentUrl).GET().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isBetween(300, 399);
        URI back = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        Map<String, String> query = new HashMap<>();
        for (String pair : back.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        assertThat(query).containsEntry("admin_consent", "True");
        return back;
    }

    private String deliver(SimMailbox mailbox, String template) {
        String subject = UUID.randomUUID().toString().substring(0, 8);
        String mime = template.formatted(subject, UUID.randomUUID()).replace("\n", "\r\n");
        SIM.control().deliver(customer.tenantId(), mailbox.id(), mime.getBytes(StandardCharsets.UTF_8));
        return subject;
    }

    private String level(String subject) {
        List<String> levels = jdbc.queryForList("""
                SELECT v.level FROM verdicts v
                JOIN mail_items m ON m.tenant_id = v.tenant_id AND m.id = v.mail_item_id
                WHERE m.tenant_id = ? AND m.subject LIKE ?
                ORDER BY v.version DESC LIMIT 1""", String.class, tenantId, "%" + subject + "%");
        return levels.isEmpty() ? null : levels.getFirst();
    }

    private MailboxState.Message message(SimMailbox mailbox, String subject) {
        return SIM.control().mailbox(customer.tenantId(), mailbox.id()).folders().stream()
                .flatMap(f -> f.messages().stream())
                .filter(m -> m.subject() != null && m.subject().contains(subject))
                .findFirst()
                .orElseThrow();
    }

    private String bodyInMailbox(SimMailbox mailbox, String subject) {
        byte[] mime = SIM.control()
                .mime(
                        customer.tenantId(),
                        mailbox.id(),
                        message(mailbox, subject).id());
        return WebTests.readable(mime);
    }

    private String folderOf(SimMailbox mailbox, String subject) {
        return SIM.control().mailbox(customer.tenantId(), mailbox.id()).folders().stream()
                .filter(f -> f.messages().stream()
                        .anyMatch(m -> m.subject() != null && m.subject().contains(subject)))
                .map(MailboxState.Folder::displayName)
                .findFirst()
                .orElse("");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return admin.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                        .header("Authorization", WebTests.ADMIN_BASIC_AUTH)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return admin.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                        .header("Authorization", WebTests.ADMIN_BASIC_AUTH)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A Windows program (MZ and PE headers) to be shared under a PDF's name. */
    private static byte[] disguisedProgram() {
        byte[] pe = new byte[512];
        pe[0] = 'M';
        pe[1] = 'Z';
        pe[0x3C] = (byte) 0x80;
        pe[0x80] = 'P';
        pe[0x81] = 'E';
        pe[0x84] = 0x4C;
        pe[0x85] = 0x01;
        return pe;
    }

    private static synchronized SimTenant home() {
        if (appHome == null) {
            appHome = SIM.control().createTenant("palisade-installation.example");
            customer = SIM.control().createTenant("northwind.example");
            staff = List.of(
                    SIM.control().createMailbox(customer.tenantId(), "ines", "Ines Duarte"),
                    SIM.control().createMailbox(customer.tenantId(), "omar", "Omar Haddad"),
                    SIM.control().createMailbox(customer.tenantId(), "li.wei", "Li Wei"));
        }
        return appHome;
    }

    @TestConfiguration
    static class TrustTheSimulator {
        @Bean
        GraphTrust graphTrust() {
            return new GraphTrust(SIM.sslContext(), SIM.trustManager());
        }
    }
}
