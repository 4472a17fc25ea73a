package io.palisade.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.tenant.Tenant;
import io.palisade.m365.graph.GraphTrust;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.m365.subscription.SubscriptionManager;
import io.palisade.simulator.SimulatorConfig;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import io.palisade.web.WebTests;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chat items through the REST API and the console, over the real Graph SDK against the simulator: a malicious file
 * shared in a chat is listed with its verdict, its detail shows the verdict's cause and the HIDE action, and an
 * analyst's verdict through the API, or a "show again" from the console's page, shows the message again.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ChatItemApiTest {

    @RegisterExtension
    static final SimulatorExtension SIM =
            new SimulatorExtension(SimulatorConfig.defaults().withHttpNotificationUrls(true));

    static final int PORT = WebTests.freePort();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static SimTenant simTenant;
    static List<SimMailbox> staff;
    static Tenant tenant;
    static String chatId;

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    SubscriptionManager subscriptions;

    final HttpClient http = HttpClient.newHttpClient();
    // The console's pages and forms share a session, whose CSRF token the forms carry.
    final HttpClient browser =
            HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @DynamicPropertySource
    static void pointAtTheSimulator(DynamicPropertyRegistry registry) {
        WebTests.pointAtSimulator(registry, PORT, SIM, ChatItemApiTest::simTenant);
    }

    @BeforeEach
    void onboardOnce() throws Exception {
        if (tenant == null) {
            tenant = onboarding.onboard(simTenant().tenantId(), "Contoso chats");
            // Onboarding subscribes chats only when the consent's roles are known; here they are not passed.
            subscriptions.subscribeTenantChats(tenant.getId());
            chatId = SIM.control()
                    .createChat(
                            simTenant().tenantId(),
                            "Accounts payable",
                            List.of(staff.get(0).id(), staff.get(1).id()));
        }
    }

    @Test
    void aHiddenChatItemIsListedWithItsHistoryAndAnAnalystsVerdictShowsItAgain() throws Exception {
        String messageId = postProgramDisguisedAsPdf();
        String itemId = awaitListed(messageId);
        await().atMost(Duration.ofSeconds(30)).until(() -> dlpAction(messageId).equals("blockAccess"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> actionStatuses(itemId).equals(List.of("DONE")));

        JsonNode detail = json(get("/api/v1/chat-items/" + itemId), 200);
        assertThat(detail.path("level").asString()).isEqualTo("MALICIOUS");
        assertThat(detail.path("files")).hasSize(1);
        assertThat(detail.path("verdicts").get(0).path("cause").asString()).isEqualTo("SCAN");
        assertThat(detail.path("actions").get(0).path("kind").asString()).isEqualTo("HIDE");
        assertThat(detail.path("hidden").asBoolean()).isTrue();

        JsonNode decided = json(
                post("/api/v1/chat-items/" + itemId + "/verdict", "{\"level\":\"CLEAN\",\"reason\":\"vendor tool\"}"),
                202);

        assertThat(decided.path("version").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> dlpAction(messageId).equals("none"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> actionStatuses(itemId).equals(List.of("DONE", "DONE")));
        JsonNode after = json(get("/api/v1/chat-items/" + itemId), 200);
        assertThat(after.path("verdicts").get(0).path("cause").asString()).isEqualTo("ANALYST");
        assertThat(after.path("verdicts").get(0).path("causedBy").asString()).isEqualTo("admin");
        assertThat(after.path("actions").get(1).path("kind").asString()).isEqualTo("UNHIDE");
        assertThat(after.path("hidden").asBoolean()).isFalse();
        assertThat(StreamSupport.stream(after.path("audit").spliterator(), false)
                        .map(a -> a.path("action").asString()))
                .contains("verdict.set", "action.hide", "action.unhide");
    }

    @Test
    void theConsoleListsAHiddenChatMessageAndAnAnalystShowsItAgainFromItsPage() throws Exception {
        String messageId = postProgramDisguisedAsPdf();
        String itemId = awaitListed(messageId);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> actionStatuses(itemId).equals(List.of("DONE")));

        assertThat(get("/chats").body()).contains("data-chat-item=\"" + itemId + "\"");
        String page = get("/chats/" + itemId).body();
        assertThat(page).contains("invoice.pdf", "<td>HIDE</td>", "no, hidden by Palisade");
        assertThat(page).containsPattern("class=\"level MALICIOUS\"");

        HttpResponse<String> released =
                submit("/chats/" + itemId, "/chats/" + itemId + "/release", "reason=vendor+tool");

        assertThat(released.statusCode()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(30)).until(() -> dlpAction(messageId).equals("none"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(get("/chats/" + itemId).body())
                        .contains("<td>UNHIDE</td>", "chat.release", "vendor tool"));
        assertThat(get("/chats/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownChatItemIsNotFound() throws Exception {
        assertThat(get("/api/v1/chat-items/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(post("/api/v1/chat-items/" + UUID.randomUUID() + "/verdict", "{\"level\":\"CLEAN\"}")
                        .statusCode())
                .isEqualTo(404);
    }

    private String postProgramDisguisedAsPdf() {
        byte[] pe = new byte[512];
        pe[0] = 'M';
        pe[1] = 'Z';
        pe[0x3C] = (byte) 0x80;
        pe[0x80] = 'P';
        pe[0x81] = 'E';
        pe[0x84] = 0x4C;
        pe[0x85] = 0x01;
        Map<String, Object> file = Map.of(
                "name",
                "invoice.pdf",
                "contentType",
                "application/pdf",
                "contentBase64",
                Base64.getEncoder().encodeToString(pe));
        return SIM.control()
                .postChatMessage(
                        simTenant().tenantId(),
                        chatId,
                        Map.of("from", staff.get(0).id(), "html", "<p>invoice attached</p>", "files", List.of(file)))
                .path("id")
                .asString();
    }

    private String awaitListed(String messageId) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> listed(messageId) != null);
        return listed(messageId);
    }

    private String listed(String messageId) throws Exception {
        for (JsonNode row : json(get("/api/v1/chat-items?limit=100"), 200)) {
            if (row.path("messageId").asString().equals(messageId)
                    && !row.path("level").isNull()) {
                return row.path("chatItemId").asString();
            }
        }
        return null;
    }

    private List<String> actionStatuses(String itemId) throws Exception {
        return StreamSupport.stream(
                        json(get("/api/v1/chat-items/" + itemId), 200)
                                .path("actions")
                                .spliterator(),
                        false)
                .map(a -> a.path("status").asString())
                .toList();
    }

    private String dlpAction(String messageId) {
        return SIM.control()
                .chatMessage(simTenant().tenantId(), chatId, messageId)
                .path("policyViolation")
                .path("dlpAction")
                .asString("");
    }

    /** Posts a console form as the page's browser would, with the CSRF token the page carries. */
    private HttpResponse<String> submit(String page, String action, String form) throws Exception {
        String body = browser.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + page))
                                .header("Authorization", WebTests.ADMIN_BASIC_AUTH)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(body);
        assertThat(csrf.find()).as("the page's forms carry a CSRF token").isTrue();
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + action))
                        .header("Authorization", WebTests.ADMIN_BASIC_AUTH)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + csrf.group(1)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
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

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                .header("Content-Type", "application/json")
                .header("Authorization", WebTests.ADMIN_BASIC_AUTH);
    }

    private static synchronized SimTenant simTenant() {
        if (simTenant == null) {
            simTenant = SIM.control().createTenant("contoso-chats.example");
            staff = SIM.control().createMailboxes(simTenant.tenantId(), "staff", 2);
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
