package io.palisade.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.palisade.core.audit.AuditEntry;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.tenant.Tenant;
import io.palisade.m365.graph.GraphTrust;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.simulator.SimulatorConfig;
import io.palisade.simulator.control.MailboxState;
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
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The verdict lifecycle through the REST API, over the real Graph SDK against the simulator: a policy edit, a
 * campaign of copies in several mailboxes clawed back by one analyst verdict and released again to each copy's
 * folder, the audit trail of a message from its scan to a confirmed hard delete, and a new threat-intelligence
 * indicator that claws back delivered mail.
 */
@Order(1)
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class LifecycleApiTest {

    @RegisterExtension
    static final SimulatorExtension SIM =
            new SimulatorExtension(SimulatorConfig.defaults().withHttpNotificationUrls(true));

    static final int PORT = WebTests.freePort();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static SimTenant simTenant;
    static List<SimMailbox> staff;
    static Tenant tenant;

    static final String CAMPAIGN = """
            From: "IT Service Desk" <helpdesk@contoso-it-support.example>
            To: staff@contoso.example
            Subject: Mailbox quota %s
            Message-ID: <%s@contoso-it-support.example>
            Date: Thu, 03 Dec 2026 09:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Your mailbox is almost full. Keep your messages at
            https://quota-%s.contoso-it-support.example/keep
            IT Service Desk
            """;

    /** Ordinary internal mail that detection leaves alone, so only the analyst's verdict moves it. */
    static final String MEMO = """
            From: "Contoso Facilities" <facilities@contoso.example>
            To: staff@contoso.example
            Subject: Parking garage closed on Friday %s
            Message-ID: <%s@contoso.example>
            Date: Thu, 03 Dec 2026 09:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            The parking garage is closed on Friday for cleaning. Please use the visitor lot.
            """;

    /** Another internal notice, unlike MEMO in subject and text, so the two never form one campaign. */
    static final String DRILL = """
            From: "Contoso Safety" <safety@contoso.example>
            To: staff@contoso.example
            Subject: Fire drill on Wednesday %s
            Message-ID: <%s@contoso.example>
            Date: Thu, 03 Dec 2026 09:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            The fire drill starts at ten. Leave by the nearest stairs and gather at the north car park.
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
        WebTests.pointAtSimulator(registry, PORT, SIM, LifecycleApiTest::simTenant);
    }

    @BeforeEach
    void onboardOnce() throws Exception {
        if (tenant == null) {
            tenant = onboarding.onboard(simTenant().tenantId(), "Contoso lifecycle");
        }
    }

    @Test
    void oneVerdictClawsBackEveryCopyOfTheCampaignAndAReleaseReturnsEachToItsFolder() throws Exception {
        String token = UUID.randomUUID().toString().substring(0, 8);
        byte[] mime =
                MEMO.formatted(token, UUID.randomUUID()).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < staff.size(); i++) {
            SIM.control().deliver(simTenant().tenantId(), staff.get(i).id(), i % 2 == 0 ? "inbox" : "archive", mime);
        }
        List<MailItem> copies = awaitCopies(token, staff.size());

        JsonNode formed = json(post("/api/v1/messages/" + copies.getFirst().getId() + "/campaign", "{}"), 201);
        String campaign = formed.path("campaign").path("id").asString();
        assertThat(formed.path("campaign").path("members")).hasSize(staff.size());
        JsonNode decided = json(
                post("/api/v1/campaigns/" + campaign + "/verdict", "{\"level\":\"MALICIOUS\",\"reason\":\"phish\"}"),
                202);
        assertThat(decided.path("finished").asBoolean()).isTrue();
        assertThat(decided.path("membersDone").asInt()).isEqualTo(staff.size());
        assertThat(decided.path("members").asInt()).isEqualTo(staff.size());
        JsonNode decision = json(get("/api/v1/campaigns/" + campaign), 200)
                .path("decisions")
                .path(0);
        assertThat(decision.path("id").asString())
                .isEqualTo(decided.path("decisionId").asString());
        assertThat(decision.path("level").asString()).isEqualTo("MALICIOUS");
        assertThat(decision.path("membersDone").asInt()).isEqualTo(staff.size());

        await().atMost(Duration.ofSeconds(60)).until(() -> doneCopies(campaign, "QUARANTINE") == staff.size());
        assertThat(staff).allSatisfy(m -> assertThat(folderOf(m, token)).isEqualTo("Palisade Quarantine"));

        json(post("/api/v1/campaigns/" + campaign + "/release", "{\"reason\":\"false positive\"}"), 202);

        await().atMost(Duration.ofSeconds(60)).until(() -> doneCopies(campaign, "RELEASE") == staff.size());
        for (int i = 0; i < staff.size(); i++) {
            assertThat(folderOf(staff.get(i), token)).isEqualTo(i % 2 == 0 ? "Inbox" : "Archive");
        }
        JsonNode quarantine = clawback(campaign, "QUARANTINE");
        assertThat(quarantine.path("counts").path("RELEASED").asInt()).isEqualTo(staff.size());
    }

    @Test
    void everyStepFromScanToConfirmedHardDeleteIsAuditedInOrderWithItsActorAndTarget() throws Exception {
        String token = UUID.randomUUID().toString().substring(0, 8);
        byte[] mime =
                DRILL.formatted(token, UUID.randomUUID()).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        List<SimMailbox> two = staff.subList(0, 2);
        for (SimMailbox mailbox : two) {
            SIM.control().deliver(simTenant().tenantId(), mailbox.id(), mime);
        }
        List<MailItem> copies = awaitCopies(token, two.size());
        String campaign = json(post("/api/v1/messages/" + copies.getFirst().getId() + "/campaign", "{}"), 201)
                .path("campaign")
                .path("id")
                .asString();

        json(post("/api/v1/campaigns/" + campaign + "/verdict", "{\"level\":\"MALICIOUS\",\"reason\":\"phish\"}"), 202);
        await().atMost(Duration.ofSeconds(60)).until(() -> doneCopies(campaign, "QUARANTINE") == two.size());
        json(post("/api/v1/campaigns/" + campaign + "/release", "{\"reason\":\"false positive\"}"), 202);
        await().atMost(Duration.ofSeconds(60)).until(() -> doneCopies(campaign, "RELEASE") == two.size());
        String hardDelete = "/api/v1/campaigns/" + campaign + "/hard-delete";
        assertThat(post(hardDelete, "{\"reason\":\"malware confirmed\"}").statusCode())
                .isEqualTo(400);
        json(post(hardDelete, "{\"reason\":\"malware confirmed\",\"confirm\":true}"), 202);
        await().atMost(Duration.ofSeconds(60)).until(() -> doneCopies(campaign, "HARD_DELETE") == two.size());

        Set<String> copyTargets =
                copies.stream().map(c -> "mail_item:" + c.getId()).collect(Collectors.toSet());
        List<AuditEntry> trail = audit.recent(tenant.getId(), PageRequest.of(0, 1000)).stream()
                .filter(e -> e.getTarget().equals("campaign:" + campaign) || copyTargets.contains(e.getTarget()))
                .sorted(Comparator.comparing(AuditEntry::getCreatedAt))
                .toList();
        assertThat(trail)
                .extracting(
                        AuditEntry::getAction,
                        AuditEntry::getActor,
                        e -> copyTargets.contains(e.getTarget()) ? "copy" : e.getTarget())
                .containsExactly(
                        tuple("verdict.set", "admin", "campaign:" + campaign),
                        tuple("verdict.reevaluated", "admin", "copy"),
                        tuple("verdict.reevaluated", "admin", "copy"),
                        tuple("clawback.quarantine", "admin", "campaign:" + campaign),
                        tuple("action.quarantine", "admin", "copy"),
                        tuple("action.quarantine", "admin", "copy"),
                        tuple("clawback.release", "admin", "campaign:" + campaign),
                        tuple("action.release", "admin", "copy"),
                        tuple("action.release", "admin", "copy"),
                        tuple("clawback.hard_delete", "admin", "campaign:" + campaign),
                        tuple("action.hard_delete", "admin", "copy"),
                        tuple("action.hard_delete", "admin", "copy"));
        for (String perCopy :
                List.of("verdict.reevaluated", "action.quarantine", "action.release", "action.hard_delete")) {
            assertThat(trail)
                    .filteredOn(e -> e.getAction().equals(perCopy))
                    .extracting(AuditEntry::getTarget)
                    .containsExactlyInAnyOrderElementsOf(copyTargets);
        }
        assertThat(trail.getFirst().getReason()).isEqualTo("MALICIOUS: phish");
        assertThat(trail.subList(1, 3))
                .allSatisfy(e -> assertThat(e.getReason())
                        .startsWith("ANALYST: ")
                        .endsWith(" -> MALICIOUS")
                        .doesNotContain("null"));
        assertThat(trail)
                .filteredOn(e -> e.getAction().startsWith("action."))
                .extracting(AuditEntry::getReason)
                .containsOnly("done");
        assertThat(trail.get(6).getReason()).contains("false positive");
        assertThat(trail.get(9).getReason()).contains("malware confirmed");
    }

    @Test
    void aNewIndicatorPostedToTheApiClawsBackDeliveredMail() throws Exception {
        String token = UUID.randomUUID().toString().substring(0, 8);
        byte[] mime = mime(token);
        for (SimMailbox mailbox : staff.subList(0, 2)) {
            SIM.control().deliver(simTenant().tenantId(), mailbox.id(), mime);
        }
        awaitCopies(token, 2);

        String body = """
                {"kind":"URL","value":"https://quota-%s.contoso-it-support.example/keep",
                 "source":"analyst submission","confidence":90}
                """.formatted(token);
        JsonNode added = json(post("/api/v1/indicators?tenantId=" + tenant.getId(), body), 201);
        assertThat(added.path("reevaluating").asBoolean()).isTrue();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> staff.subList(0, 2).stream()
                        .allMatch(m -> folderOf(m, token).equals("Palisade Quarantine")));
        assertThat(folderOf(staff.get(2), token)).isEmpty();
    }

    @Test
    void policiesAreEditedByVersionThroughTheApi() throws Exception {
        String base = "/api/v1/policies?tenantId=" + tenant.getId();
        int version = json(get(base), 200).path("version").asInt();
        String edit = "{\"mode\":\"REMEDIATE\",\"exclusions\":{\"simulationHeaders\":[{\"name\":\"X-PHISHTEST\"}]}}";

        JsonNode saved = json(put(base + "&expectedVersion=" + version, edit), 200);

        assertThat(saved.path("version").asInt()).isEqualTo(version + 1);
        assertThat(put(base + "&expectedVersion=" + version, edit).statusCode()).isEqualTo(409);
        assertThat(put(base, "{\"userReportThreshold\":0}").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/policies?tenantId=" + UUID.randomUUID()).statusCode())
                .isEqualTo(404);
        assertThat(get("/api/v1/campaigns/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    void taxiiFeedCredentialsAreTakenButNeverShown() throws Exception {
        String base = "/api/v1/indicators/taxii-feeds?tenantId=" + tenant.getId();
        String secret = "feed-password-" + UUID.randomUUID();
        String feed = """
                {"collectionUrl":"https://taxii.example/api1/collections/%s/","source":"taxii:private",
                 "confidence":70,"credentials":{"type":"basic","username":"alice","password":"%s"}}
                """.formatted(UUID.randomUUID(), secret);

        HttpResponse<String> created = post(base, feed);
        JsonNode view = json(created, 201);
        String id = view.path("id").asString();
        HttpResponse<String> listed = get(base);

        assertThat(view.path("credentialsSet").asBoolean()).isTrue();
        assertThat(view.path("authentication").asString()).isEqualTo("BASIC");
        assertThat(created.body()).doesNotContain(secret).doesNotContain("alice");
        assertThat(json(listed, 200).toString()).contains(id).doesNotContain(secret);
        String apiKey = "{\"type\":\"api-key\",\"header\":\"X-Api-Key\",\"value\":\"" + secret + "\"}";
        HttpResponse<String> replaced =
                put("/api/v1/indicators/taxii-feeds/" + id + "/credentials?tenantId=" + tenant.getId(), apiKey);
        assertThat(json(replaced, 200).path("authentication").asString()).isEqualTo("API_KEY");
        assertThat(replaced.body()).doesNotContain(secret);
        assertThat(put(
                                "/api/v1/indicators/taxii-feeds/" + id + "/credentials?tenantId=" + tenant.getId(),
                                "{\"type\":\"basic\",\"username\":\"alice\"}")
                        .statusCode())
                .isEqualTo(400);
    }

    private int doneCopies(String campaign, String kind) throws Exception {
        JsonNode clawback = clawback(campaign, kind);
        return clawback == null || clawback.path("searching").asBoolean()
                ? -1
                : clawback.path("counts").path("DONE").asInt()
                        + clawback.path("counts").path("RELEASED").asInt();
    }

    private JsonNode clawback(String campaign, String kind) throws Exception {
        for (JsonNode clawback : json(get("/api/v1/campaigns/" + campaign), 200).path("clawbacks")) {
            if (kind.equals(clawback.path("kind").asString())) {
                return clawback;
            }
        }
        return null;
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

    private static byte[] mime(String token) {
        return CAMPAIGN.formatted(token, UUID.randomUUID(), token)
                .replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(
                request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
        return http.send(
                request(path).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
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
            staff = SIM.control().createMailboxes(simTenant.tenantId(), "staff", 4);
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
