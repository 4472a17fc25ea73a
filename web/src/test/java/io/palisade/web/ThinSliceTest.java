package io.palisade.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.audit.AuditLog;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.queue.WorkState;
import io.palisade.core.tenant.Tenant;
import io.palisade.m365.graph.GraphTrust;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.m365.subscription.SubscriptionRecord;
import io.palisade.m365.subscription.SubscriptionStore;
import io.palisade.simulator.SimulatorConfig;
import io.palisade.simulator.control.MailboxState;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One message through the whole path, over HTTP and the real Graph SDK against the simulator: Graph notifies the
 * webhook, a worker fetches the MIME, detection scans it, a suspicious message gets a banner in the mailbox, the
 * console lists it, and an analyst's MALICIOUS verdict moves it into quarantine with an audit entry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ThinSliceTest {

    @RegisterExtension
    static final SimulatorExtension SIM =
            new SimulatorExtension(SimulatorConfig.defaults().withHttpNotificationUrls(true));

    static final int PORT = WebTests.freePort();
    static SimTenant simTenant;
    static SimMailbox alice;
    static SimMailbox dana;
    static Tenant tenant;

    static final String PHISH = """
            From: "Payroll Team" <payroll.team.dept@gmail.com>
            To: alice@contoso.example
            Subject: Updated payroll details %s
            Message-ID: <%s@mail.gmail.com>
            Date: Thu, 03 Dec 2026 09:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/html; charset=utf-8

            <p>Hi Alice, please review the new payroll portal.</p>
            <p><a href="https://payroll-portal.example.net/review">https://workforcenow.adp.com/payroll</a></p>
            """;

    static final String ORDINARY = """
            From: "Dana Whitfield" <dana.whitfield@contoso.example>
            To: alice@contoso.example
            Subject: Minutes of the planning meeting %s
            Message-ID: <%s@contoso.example>
            Date: Thu, 03 Dec 2026 09:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Hi Alice, the minutes are in the shared folder. Next meeting on Tuesday.
            """;

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailItemRepository mailItems;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    WorkQueue workQueue;

    @Autowired
    SubscriptionStore subscriptions;

    @Autowired
    DataSource dataSource;

    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void pointAtTheSimulator(DynamicPropertyRegistry registry) {
        WebTests.pointAtSimulator(registry, PORT, SIM, ThinSliceTest::simTenant);
        registry.add("palisade.metrics.work-queue-interval", () -> "1s");
    }

    @BeforeEach
    void onboardTheSimulatedTenantOnce() throws Exception {
        if (tenant == null) {
            tenant = onboarding.onboard(simTenant().tenantId(), "Contoso");
        }
    }

    @Test
    void scansANotifiedMessageAndWritesABannerIntoTheMailboxWhenItIsSuspicious() throws Exception {
        String subject = deliver(PHISH);

        MailItem item = awaitScanned(subject);
        String level = currentLevel(item);
        assertThat(level).isIn("SUSPICIOUS", "HIGH");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(mimeInMailbox(subject)).contains("data-palisade-marker"));
        assertThat(get("/", true).body()).contains(subject).contains(level);
    }

    @Test
    void analystsMaliciousVerdictQuarantinesTheMessageAndTheAuditLogSaysWhoAndWhy() throws Exception {
        String subject = deliver(ORDINARY);
        MailItem item = awaitScanned(subject);
        assertThat(currentLevel(item)).isIn("CLEAN", "LOW");
        assertThat(mimeInMailbox(subject)).doesNotContain("data-palisade-marker");

        HttpResponse<String> response = post(
                "/api/v1/messages/" + item.getId() + "/verdict",
                "{\"level\":\"MALICIOUS\",\"reason\":\"credential theft reported by the user\"}",
                true);

        assertThat(response.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> folderOf(subject).equals("Palisade Quarantine"));
        assertThat(audit.about(tenant.getId(), "mail_item:" + item.getId())).anySatisfy(entry -> {
            assertThat(entry.getActor()).isEqualTo("admin");
            assertThat(entry.getReason()).contains("credential theft reported by the user");
        });
    }

    @Test
    void consoleShowsWhyAMessageWasFlaggedAndRecordsAnAnalystsVerdictFromItsForm() throws Exception {
        String subject = deliver(PHISH);
        MailItem item = awaitScanned(subject);
        HttpClient browser =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String page = "http://localhost:" + PORT + "/messages/" + item.getId();

        String html = browser.send(
                        HttpRequest.newBuilder(URI.create(page))
                                .header("Authorization", WebTests.ADMIN_BASIC_AUTH)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(html).contains(subject).contains("Verdict history").contains("SCAN");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(csrf.find()).as("the verdict form carries a CSRF token").isTrue();

        String form = "level=MALICIOUS&reason=confirmed+phish&_csrf=" + csrf.group(1);
        HttpResponse<String> forged = post("/messages/" + item.getId() + "/verdict", "level=MALICIOUS&reason=x", true);
        HttpResponse<String> submitted = browser.send(
                HttpRequest.newBuilder(URI.create(page + "/verdict"))
                        .header("Authorization", WebTests.ADMIN_BASIC_AUTH)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(submitted.statusCode()).isEqualTo(302);
        assertThat(currentLevel(item)).isEqualTo("MALICIOUS");
        assertThat(audit.about(tenant.getId(), "mail_item:" + item.getId()))
                .anySatisfy(entry -> assertThat(entry.getReason()).contains("confirmed phish"));
    }

    @Test
    void answersGraphsValidationHandshakeWithTheDecodedTokenAsPlainText() throws Exception {
        HttpResponse<String> response =
                post("/webhooks/m365?validationToken=Validation%3A%20Testing%20client", "", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(response.body()).isEqualTo("Validation: Testing client");
    }

    @Test
    void storesNothingForANotificationWithAForgedClientState() throws Exception {
        String subscriptionId = jdbc.queryForObject(
                "SELECT subscription_id FROM m365_subscriptions WHERE tenant_id = ? LIMIT 1",
                String.class,
                tenant.getId());
        Integer before = workItems();
        String forged = """
                {"value":[{"subscriptionId":"%s","clientState":"guessed","changeType":"created",
                 "resource":"users/x/messages/forged","tenantId":"%s","resourceData":{"id":"forged-%s"}}]}
                """.formatted(subscriptionId, simTenant().tenantId(), UUID.randomUUID());

        HttpResponse<String> response = post("/webhooks/m365", forged, false);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(workItems()).isEqualTo(before);
    }

    @Test
    void answersServiceUnavailableAndStoresNothingWhileTheDatabaseRefusesTheNotificationThen202() throws Exception {
        Notification notification = storableNotification();

        HttpResponse<String> refused;
        refuseWorkWhoseKeyEndsWith(notification.messageId());
        try {
            refused = post("/webhooks/m365", notification.body(), false);
        } finally {
            jdbc.execute("DROP TRIGGER refuse_work ON work_items");
            jdbc.execute("DROP FUNCTION refuse_work()");
        }
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(workItemsWithKey(notification.key())).isZero();
        assertThat(series(get("/actuator/prometheus", true).body(), "palisade_m365_notifications_total{"))
                .anySatisfy(line ->
                        assertThat(line).contains("tenant=\"" + tenant.getId() + "\"", "outcome=\"not_stored\""));

        assertThat(post("/webhooks/m365", notification.body(), false).statusCode())
                .isEqualTo(202);
        assertThat(workItemsWithKey(notification.key())).isOne();
    }

    @Test
    void answersServiceUnavailableWhileTheWorkQueueIsLockedThen202OnceItIsFree() throws Exception {
        Notification notification = storableNotification();

        HttpResponse<String> refused;
        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE work_items IN SHARE ROW EXCLUSIVE MODE");
            }
            // Bounded so that an intake waiting on the lock for ever fails the test instead of hanging the build.
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/webhooks/m365"))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(notification.body()))
                    .build();
            refused = http.send(request, HttpResponse.BodyHandlers.ofString());
            locker.rollback();
        }
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(workItemsWithKey(notification.key())).isZero();

        assertThat(post("/webhooks/m365", notification.body(), false).statusCode())
                .isEqualTo(202);
        assertThat(workItemsWithKey(notification.key())).isOne();
    }

    /** A change notification as Graph sends it for alice's subscription, for a message id never seen before. */
    private record Notification(String body, String messageId, String key) {}

    private Notification storableNotification() {
        SubscriptionRecord subscription = subscriptions.findByTenant(tenant.getId()).stream()
                .filter(s -> s.mailboxId() != null)
                .findFirst()
                .orElseThrow();
        String clientState = SIM.control().subscriptions(simTenant().tenantId()).stream()
                .filter(s -> s.get("id").asString().equals(subscription.subscriptionId()))
                .findFirst()
                .orElseThrow()
                .get("clientState")
                .asString();
        String messageId = "unseen-" + UUID.randomUUID();
        String body = """
                {"value":[{"subscriptionId":"%s","clientState":"%s","changeType":"created",
                 "resource":"users/x/messages/%s","tenantId":"%s","resourceData":{"id":"%s"}}]}
                """.formatted(
                        subscription.subscriptionId(),
                        clientState,
                        messageId,
                        simTenant().tenantId(),
                        messageId);
        return new Notification(body, messageId, "message:" + subscription.mailboxId() + ":" + messageId);
    }

    /** Until the trigger is dropped, the database refuses these work items as if its disk were full. */
    private void refuseWorkWhoseKeyEndsWith(String suffix) {
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION refuse_work() RETURNS trigger AS $$
                BEGIN
                  IF NEW.idempotency_key LIKE '%%%s' THEN
                    RAISE EXCEPTION 'no space left for work items' USING ERRCODE = 'disk_full';
                  END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql
                """.formatted(suffix));
        jdbc.execute(
                "CREATE TRIGGER refuse_work BEFORE INSERT ON work_items FOR EACH ROW EXECUTE FUNCTION refuse_work()");
    }

    private int workItemsWithKey(String key) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM work_items WHERE tenant_id = ? AND idempotency_key = ?",
                Integer.class,
                tenant.getId(),
                key);
    }

    @Test
    void apiAndConsoleNeedTheAdministratorWhileHealthShowsTheDatabase() throws Exception {
        assertThat(get("/api/v1/messages", false).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/messages", true).statusCode()).isEqualTo(200);

        HttpResponse<String> health = get("/actuator/health", false);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"db\"").contains("UP");
    }

    @Test
    void operatorsSeeADeadLetterWithItsErrorAndPutItBack() throws Exception {
        workQueue.enqueue(tenant.getId(), "test.ops", UUID.randomUUID().toString(), "{}");
        WorkItem claimed = workQueue
                .claim(List.of("test.ops"), "test", Duration.ofMinutes(1), 1)
                .getFirst();
        workQueue.failPermanently(claimed.id(), claimed.leaseToken(), "mailbox gone");
        String base = "/api/v1/ops/tenants/" + tenant.getId() + "/work";

        assertThat(get(base + "/dead", false).statusCode()).isEqualTo(401);
        HttpResponse<String> dead = get(base + "/dead", true);
        assertThat(dead.body()).contains(claimed.id().toString()).contains("mailbox gone");
        assertThat(post(base + "/dead/" + claimed.id() + "/retry", "", true).statusCode())
                .isEqualTo(202);
        assertThat(workQueue.find(tenant.getId(), claimed.id()).orElseThrow().state())
                .isEqualTo(WorkState.READY);
        assertThat(post(base + "/dead/" + claimed.id() + "/retry", "", true).statusCode())
                .isEqualTo(404);
        assertThat(get("/actuator/health", false).body()).contains("\"workQueue\"");
    }

    @Test
    void metricsScrapeNeedsTheAdministratorAndCountsWebhookRequests() throws Exception {
        post("/webhooks/m365?validationToken=probe", "", false);

        assertThat(get("/actuator/prometheus", false).statusCode()).isEqualTo(401);
        HttpResponse<String> scrape = get("/actuator/prometheus", true);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("http_server_requests_seconds").contains("uri=\"/webhooks/m365\"");
    }

    @Test
    void scrapeShowsTheTenantsGraphCallsNotificationsAndWorkUnderItsIdAndNeverItsName() throws Exception {
        awaitScanned(deliver(ORDINARY));
        workQueue.enqueue(tenant.getId(), "test.metrics", UUID.randomUUID().toString(), "{}");
        String id = "tenant=\"" + tenant.getId() + "\"";

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = get("/actuator/prometheus", true).body();
            assertThat(series(scrape, "palisade_m365_graph_calls_total{"))
                    .anySatisfy(line -> assertThat(line).contains(id, "operation=\"mime\"", "outcome=\"ok\""));
            assertThat(series(scrape, "palisade_m365_notifications_total{"))
                    .anySatisfy(line -> assertThat(line).contains(id, "endpoint=\"changes\"", "outcome=\"stored\""));
            assertThat(series(scrape, "palisade_work_items{"))
                    .anySatisfy(line -> assertThat(line).contains(id, "state=\"ready\""));
            assertThat(series(scrape, "palisade_m365_graph_in_flight")).isNotEmpty();
            assertThat(series(scrape, "palisade_"))
                    .noneSatisfy(line -> assertThat(line).containsIgnoringCase("contoso"));
        });
    }

    private static List<String> series(String scrape, String prefix) {
        return scrape.lines().filter(line -> line.startsWith(prefix)).toList();
    }

    private String deliver(String template) {
        String subject = UUID.randomUUID().toString().substring(0, 8);
        String mime = template.formatted(subject, UUID.randomUUID()).replace("\n", "\r\n");
        SIM.control().deliver(simTenant().tenantId(), alice.id(), mime.getBytes(StandardCharsets.UTF_8));
        return subject;
    }

    private MailItem awaitScanned(String subjectToken) {
        await().atMost(Duration.ofSeconds(30)).until(() -> find(subjectToken).isPresent());
        return find(subjectToken).orElseThrow();
    }

    private Optional<MailItem> find(String subjectToken) {
        List<MailItem> items = mailItems.findByTenantIdOrderByReceivedAtDesc(tenant.getId(), PageRequest.of(0, 100));
        return items.stream()
                .filter(i -> i.getSubject() != null && i.getSubject().contains(subjectToken))
                .findFirst();
    }

    private String currentLevel(MailItem item) {
        return jdbc.queryForObject(
                "SELECT level FROM verdicts WHERE tenant_id = ? AND mail_item_id = ? ORDER BY version DESC LIMIT 1",
                String.class,
                tenant.getId(),
                item.getId());
    }

    private MailboxState.Message messageInMailbox(String subjectToken) {
        MailboxState state = SIM.control().mailbox(simTenant().tenantId(), alice.id());
        return state.folders().stream()
                .flatMap(f -> f.messages().stream())
                .filter(m -> m.subject() != null && m.subject().contains(subjectToken))
                .findFirst()
                .orElseThrow();
    }

    private String folderOf(String subjectToken) {
        MailboxState state = SIM.control().mailbox(simTenant().tenantId(), alice.id());
        return state.folders().stream()
                .filter(f -> f.messages().stream()
                        .anyMatch(m -> m.subject() != null && m.subject().contains(subjectToken)))
                .map(MailboxState.Folder::displayName)
                .findFirst()
                .orElse("");
    }

    /** The message as a reader sees it: headers and every text part, transfer encodings undone. */
    private String mimeInMailbox(String subjectToken) {
        String id = messageInMailbox(subjectToken).id();
        return WebTests.readable(SIM.control().mime(simTenant().tenantId(), alice.id(), id));
    }

    private Integer workItems() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM work_items WHERE tenant_id = ?", Integer.class, tenant.getId());
    }

    private HttpResponse<String> get(String path, boolean admin) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path));
        if (admin) {
            request.header("Authorization", WebTests.ADMIN_BASIC_AUTH);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, boolean admin)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (admin) {
            request.header("Authorization", WebTests.ADMIN_BASIC_AUTH);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static synchronized SimTenant simTenant() {
        if (simTenant == null) {
            simTenant = SIM.control().createTenant("contoso.example");
            alice = SIM.control().createMailbox(simTenant.tenantId(), "alice", "Alice Morgan");
            dana = SIM.control().createMailbox(simTenant.tenantId(), "dana.whitfield", "Dana Whitfield");
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
