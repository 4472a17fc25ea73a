package io.palisade.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.palisade.core.audit.AuditEntry;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.tenant.Tenant;
import io.palisade.m365.graph.GraphTrust;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.simulator.SimulatorConfig;
import io.palisade.simulator.control.Fault;
import io.palisade.simulator.control.MailboxState;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import io.palisade.web.WebTests;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Threat intelligence and remediation through the REST API, over the real Graph SDK against the simulator: indicator
 * imports from a plain list and a STIX 2.1 bundle file, polling a TAXII 2.1 collection on loopback, re-scans, a
 * hard delete that needs explicit confirmation, and a clawback copy the platform refuses to move.
 */
@Order(2)
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class IntelAndRemediationApiTest {

    @RegisterExtension
    static final SimulatorExtension SIM =
            new SimulatorExtension(SimulatorConfig.defaults().withHttpNotificationUrls(true));

    static final int PORT = WebTests.freePort();
    static SimTenant simTenant;
    static List<SimMailbox> staff;
    static Tenant tenant;

    /** Internal mail that detection leaves alone, so only the API's actions move it; each test has its own text. */
    static final String MEMO = """
            From: "Contoso Facilities" <facilities@contoso.example>
            To: staff@contoso.example
            Subject: Facilities notice %s
            Message-ID: <%s@contoso.example>
            Date: Thu, 03 Dec 2026 09:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            %s
            """;

    /** Mail from a partner with one link to a host under {@code %s}. */
    static final String NOTICE = """
            From: "Dana Partner" <dana@partner-notes.com>
            To: staff@contoso.example
            Subject: Meeting notes %s
            Message-ID: <%s@partner-notes.com>
            Date: Thu, 03 Dec 2026 09:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Hi, the notes from our planning meeting on Tuesday are at https://notes.eu.%s/2026-12 as promised.
            Regards, Dana
            """;

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailItemRepository mailItems;

    @Autowired
    AuditLog audit;

    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void pointAtTheSimulator(DynamicPropertyRegistry registry) {
        WebTests.pointAtSimulator(registry, PORT, SIM, IntelAndRemediationApiTest::simTenant);
    }

    @BeforeEach
    void onboardOnce() throws Exception {
        if (tenant == null) {
            tenant = onboarding.onboard(simTenant().tenantId(), "Contoso intel");
        }
    }

    @Test
    void aPlainListImportListsBadLinesAndClawsBackMailUnderAnImportedParentDomain() throws Exception {
        String token = token();
        String site = "payroll-" + token + ".com";
        deliver(staff.get(0), NOTICE.formatted(token, UUID.randomUUID(), site));
        deliver(staff.get(1), NOTICE.formatted(token, UUID.randomUUID(), "unrelated-" + site));
        awaitCopies(token, 2);
        String list = """
                # weekly list
                %s
                SHA256,%s
                https://files-%s.com/drop/invoice.zip
                not an indicator at all
                IP,999.1.1.1
                """.formatted(site, "ab".repeat(32), token);

        JsonNode result = json(post(importPath("plain", "weekly list", 90), list), 200);

        assertThat(result.path("accepted").asInt()).isEqualTo(3);
        assertThat(result.path("added").asInt()).isEqualTo(3);
        assertThat(result.path("rejected")).hasSize(2);
        assertThat(result.path("rejected").toString())
                .contains("not an indicator at all")
                .contains("999.1.1.1");
        assertThat(json(get("/api/v1/indicators?tenantId=" + tenant.getId()), 200)
                        .toString())
                .contains(site)
                .contains("\"source\":\"weekly list\"");
        await().atMost(Duration.ofSeconds(60)).until(() -> "Palisade Quarantine".equals(folderOf(staff.get(0), token)));
        assertThat(folderOf(staff.get(1), token)).isEqualTo("Inbox");
    }

    @Test
    void aStixBundleFileImportTakesItsIndicatorsAndListsThePatternsItRefuses() throws Exception {
        String bundle = resource("/intel/stix-bundle.json");

        JsonNode result = json(post(importPath("stix", "sharing community", 60), bundle), 200);

        assertThat(result.path("accepted").asInt()).isEqualTo(3);
        assertThat(result.path("rejected")).hasSize(1);
        assertThat(result.path("rejected").get(0).asString())
                .contains("indicator--1d6b0c3e-8d2f-4b8e-9a51-3f1f6c0e2a03")
                .contains("combines observables");
        String listed = json(get("/api/v1/indicators?tenantId=" + tenant.getId() + "&limit=1000"), 200)
                .toString();
        assertThat(listed)
                .contains("docusign-review-portal.com")
                .contains("https://docusign-review-portal.com/envelope/open")
                .contains("198.51.100.66")
                .doesNotContain("withdrawn-report.com")
                .doesNotContain("ceo@payroll-update-portal.com");
        assertThat(post(importPath("yaml", "x", 60), bundle).statusCode()).isEqualTo(400);
    }

    @Test
    void pollingTheTaxiiFeedsNowStoresTheCollectionsIndicatorsAndShowsAFailedFeedsError() throws Exception {
        HttpServer taxii = taxiiServer();
        try {
            String root = "http://127.0.0.1:" + taxii.getAddress().getPort() + "/taxii2/api1/collections/";
            String feeds = "/api/v1/indicators/taxii-feeds?tenantId=" + tenant.getId();
            String good = json(post(feeds, feed(root + "phish/", "taxii:phish")), 201)
                    .path("id")
                    .asString();
            String locked = json(post(feeds, feed(root + "private/", "taxii:private")), 201)
                    .path("id")
                    .asString();

            JsonNode polled = json(post("/api/v1/indicators/taxii-feeds/poll?tenantId=" + tenant.getId(), ""), 200);

            assertThat(polled.path(good).asInt()).isEqualTo(2);
            assertThat(polled.path(locked).asString()).isEqualTo("failed");
            assertThat(json(get("/api/v1/indicators?tenantId=" + tenant.getId() + "&limit=1000"), 200)
                            .toString())
                    .contains("invoice-portal-taxii.com")
                    .contains("https://invoice-portal-taxii.com/login");
            JsonNode listed = json(get(feeds), 200);
            for (JsonNode feed : listed) {
                if (feed.path("id").asString().equals(locked)) {
                    assertThat(feed.path("lastError").asString()).contains("401");
                }
                if (feed.path("id").asString().equals(good)) {
                    assertThat(feed.path("lastError").isNull()
                                    || feed.path("lastError").isMissingNode())
                            .isTrue();
                    assertThat(feed.path("addedAfter").asString()).isEqualTo("2026-12-04T05:00:00.000Z");
                }
            }
        } finally {
            taxii.stop(0);
        }
    }

    @Test
    void aRescanSchedulesTheTenantsRecentMailAndRefusesABadRequest() throws Exception {
        String token = token();
        deliver(
                staff.get(2),
                MEMO.formatted(
                        token,
                        UUID.randomUUID(),
                        "The canteen serves breakfast from half past seven during the audit week."));
        awaitCopies(token, 1);
        int recent =
                (int) mailItems.findByTenantIdOrderByReceivedAtDesc(tenant.getId(), PageRequest.of(0, 1000)).stream()
                        .filter(item ->
                                item.getReceivedAt().isAfter(Instant.now().minus(Duration.ofHours(1))))
                        .count();

        HttpResponse<String> response = post(
                "/api/v1/rescans?tenantId=" + tenant.getId(),
                "{\"reason\":\"rules 2026.12.2\",\"windowHours\":1,\"perSecond\":50}");

        assertThat(json(response, 202).path("scheduled").asInt())
                .isEqualTo(recent)
                .isPositive();
        assertThat(audit.about(tenant.getId(), "tenant:" + tenant.getId()))
                .extracting(AuditEntry::getAction, AuditEntry::getActor)
                .contains(tuple("rescan.scheduled", "admin"));
        assertThat(post(
                                "/api/v1/rescans?tenantId=" + tenant.getId(),
                                "{\"reason\":\"x\",\"windowHours\":1,\"perSecond\":0}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(post(
                                "/api/v1/rescans?tenantId=" + UUID.randomUUID(),
                                "{\"reason\":\"x\",\"windowHours\":1,\"perSecond\":5}")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aHardDeleteIsRefusedWithoutExplicitConfirmationAndDoneAndAuditedWithIt() throws Exception {
        String token = token();
        byte[] mime = bytes(MEMO.formatted(
                token,
                UUID.randomUUID(),
                "Desk moves on floor three happen on Thursday evening. Please clear your desk by five."));
        for (SimMailbox mailbox : staff.subList(0, 2)) {
            SIM.control().deliver(simTenant().tenantId(), mailbox.id(), mime);
        }
        List<MailItem> copies = awaitCopies(token, 2);
        String campaign = json(post("/api/v1/messages/" + copies.getFirst().getId() + "/campaign", "{}"), 201)
                .path("campaign")
                .path("id")
                .asString();
        String path = "/api/v1/campaigns/" + campaign + "/hard-delete";

        HttpResponse<String> unconfirmed = post(path, "{\"reason\":\"wipe\"}");
        HttpResponse<String> declined = post(path, "{\"reason\":\"wipe\",\"confirm\":false}");

        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("confirm");
        assertThat(declined.statusCode()).isEqualTo(400);
        assertThat(audit.about(tenant.getId(), "campaign:" + campaign)).isEmpty();
        assertThat(staff.subList(0, 2))
                .allSatisfy(m -> assertThat(folderOf(m, token)).isEqualTo("Inbox"));

        JsonNode deleted = json(post(path, "{\"reason\":\"malware confirmed\",\"confirm\":true}"), 202);
        String clawback = deleted.path("clawbacks").path("HARD_DELETE").asString();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> staff.subList(0, 2).stream()
                        .allMatch(m -> folderOf(m, token).isEmpty()));
        JsonNode progress = json(get("/api/v1/clawbacks/" + clawback), 200);
        assertThat(progress.path("counts").path("DONE").asInt()).isEqualTo(2);
        assertThat(audit.about(tenant.getId(), "campaign:" + campaign)).anySatisfy(entry -> {
            assertThat(entry.getAction()).isEqualTo("clawback.hard_delete");
            assertThat(entry.getActor()).isEqualTo("admin");
            assertThat(entry.getReason()).contains("malware confirmed");
        });
    }

    @Test
    void aCopyThePlatformRefusesToMoveIsShownAsFailedWithItsReasonWhileTheOthersAreQuarantined() throws Exception {
        String token = token();
        byte[] mime = bytes(MEMO.formatted(
                token,
                UUID.randomUUID(),
                "The quarterly all-hands moves to the large auditorium; slides go out on Monday morning."));
        for (SimMailbox mailbox : staff.subList(1, 3)) {
            SIM.control().deliver(simTenant().tenantId(), mailbox.id(), mime);
        }
        List<MailItem> copies = awaitCopies(token, 2);
        String campaign = json(post("/api/v1/messages/" + copies.getFirst().getId() + "/campaign", "{}"), 201)
                .path("campaign")
                .path("id")
                .asString();
        SIM.control().addFault(Fault.refuse(1, 403).onApi("graph").onPathsContaining("/move"));
        try {
            JsonNode decided = json(
                    post(
                            "/api/v1/campaigns/" + campaign + "/verdict",
                            "{\"level\":\"MALICIOUS\",\"reason\":\"phish\"}"),
                    202);
            String clawback = decided.path("clawbacks").path("QUARANTINE").asString();

            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonNode counts =
                        json(get("/api/v1/clawbacks/" + clawback), 200).path("counts");
                return counts.path("FAILED").asInt() == 1 && counts.path("DONE").asInt() == 1;
            });
            JsonNode progress = json(get("/api/v1/clawbacks/" + clawback), 200);
            List<JsonNode> failed = new ArrayList<>();
            progress.path("copies").forEach(copy -> {
                if ("FAILED".equals(copy.path("state").asString())) {
                    failed.add(copy);
                }
            });
            assertThat(failed).singleElement().satisfies(copy -> {
                assertThat(copy.path("reason").asString()).contains("403");
                assertThat(copy.path("attempts").asInt()).isEqualTo(1);
            });
            assertThat(json(get("/api/v1/campaigns/" + campaign), 200).toString())
                    .contains("\"FAILED\"")
                    .contains(failed.getFirst().path("reason").asString());
            assertThat(staff.subList(1, 3))
                    .extracting(m -> folderOf(m, token))
                    .containsExactlyInAnyOrder("Inbox", "Palisade Quarantine");
        } finally {
            SIM.control().clearFaults();
        }
    }

    /** A TAXII 2.1 server on loopback: an open collection with two indicators, and one that answers 401. */
    private static HttpServer taxiiServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String envelope = """
                {"more":false,"objects":[
                  {"type":"indicator","spec_version":"2.1","id":"indicator--7","pattern_type":"stix",
                   "pattern":"[domain-name:value = 'invoice-portal-taxii.com'] OR \
                [url:value = 'https://invoice-portal-taxii.com/login']",
                   "confidence":80}]}
                """;
        server.createContext("/taxii2/api1/collections/phish/objects/", exchange -> {
            byte[] body = envelope.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/taxii+json;version=2.1");
            exchange.getResponseHeaders().add("X-TAXII-Date-Added-Last", "2026-12-04T05:00:00.000Z");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/taxii2/api1/collections/private/objects/", exchange -> {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"taxii\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String feed(String url, String source) {
        return "{\"collectionUrl\":\"" + url + "\",\"source\":\"" + source + "\",\"confidence\":70}";
    }

    private String importPath(String format, String source, int confidence) {
        return "/api/v1/indicators/import?tenantId=" + tenant.getId() + "&format=" + format + "&source="
                + source.replace(" ", "%20") + "&confidence=" + confidence;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = IntelAndRemediationApiTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String token() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] bytes(String mime) {
        return mime.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private void deliver(SimMailbox mailbox, String mime) {
        SIM.control().deliver(simTenant().tenantId(), mailbox.id(), bytes(mime));
    }

    private List<MailItem> awaitCopies(String token, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> copiesOf(token).size() == count);
        return copiesOf(token);
    }

    private List<MailItem> copiesOf(String token) {
        return mailItems.findByTenantIdOrderByReceivedAtDesc(tenant.getId(), PageRequest.of(0, 200)).stream()
                .filter(i -> i.getSubject() != null && i.getSubject().contains(token))
                .toList();
    }

    private String folderOf(SimMailbox mailbox, String token) {
        MailboxState state = SIM.control().mailbox(simTenant().tenantId(), mailbox.id());
        return state.folders().stream()
                .filter(f -> f.messages().stream()
                        .anyMatch(m -> m.subject() != null && m.subject().contains(token)))
                .map(MailboxState.Folder::displayName)
                .findFirst()
                .orElse("");
    }

    private JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return WebTests.JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(
                request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                .header("Content-Type", "application/json")
                .header("Authorization", WebTests.ADMIN_BASIC_AUTH);
    }

    private static synchronized SimTenant simTenant() {
        if (simTenant == null) {
            simTenant = SIM.control().createTenant("contoso.example");
            staff = SIM.control().createMailboxes(simTenant.tenantId(), "staff", 3);
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
