package io.palisade.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.tenant.Tenant;
import io.palisade.detection.api.RiskLevel;
import io.palisade.web.WebTests;
import io.palisade.web.banner.LiveFixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Admin notifications through the REST API and the console: a policy that notifies at HIGH, a webhook on a loopback
 * HTTP server set through the API, an analyst's HIGH verdict on a message with two copies; one notification listed
 * and posted; another tenant sees nothing; the webhook's URL appears in no answer, page or log line.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class AdminNotificationApiTest {

    private static final JsonMapper JSON = WebTests.JSON;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    final HttpClient http = HttpClient.newHttpClient();
    HttpServer hook;

    @AfterEach
    void stopHook() {
        if (hook != null) {
            hook.stop(0);
        }
    }

    @Test
    void anAnalystsHighVerdictIsListedByTheApiShownOnTheConsoleAndPostedToTheWebhook(CapturedOutput output)
            throws Exception {
        LiveFixtures fixtures = new LiveFixtures(context);
        Tenant tenant = fixtures.tenant("Fabrikam " + UUID.randomUUID());
        Tenant other = fixtures.tenant("Northwind " + UUID.randomUUID());
        String messageId = "<" + UUID.randomUUID() + "@contoso-payroll.com>";
        List<MailItem> copies = List.of(
                copy(fixtures, fixtures.mailbox(tenant, "alice"), messageId),
                copy(fixtures, fixtures.mailbox(tenant, "bob"), messageId));
        String token = "tok" + UUID.randomUUID().toString().replace("-", "");
        List<String> posted = new CopyOnWriteArrayList<>();
        hook = hook(token, posted);
        String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hooks/" + token;
        String base = "/api/v1/tenants/" + tenant.getId();

        assertThat(send(
                                "PUT",
                                "/api/v1/policies?tenantId=" + tenant.getId(),
                                "{\"actions\":{\"HIGH\":[\"NOTIFY_ADMINS\"]}}")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> set = send("PUT", base + "/notification-webhook", "{\"url\":\"" + url + "\"}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(json(set).path("configured").asBoolean()).isTrue();
        HttpResponse<String> decided = send(
                "POST",
                "/api/v1/messages/" + copies.getFirst().getId() + "/verdict",
                "{\"level\":\"HIGH\",\"reason\":\"payroll lure\"}");
        assertThat(decided.statusCode()).isBetween(200, 202);

        JsonNode listed = json(send("GET", base + "/admin-notifications", null));
        assertThat(listed).hasSize(1);
        JsonNode notification = listed.get(0);
        assertThat(notification.path("level").asString()).isEqualTo("HIGH");
        assertThat(notification.path("cause").asString()).isEqualTo("ANALYST");
        assertThat(notification.path("items").asInt()).isEqualTo(2);
        String id = notification.path("id").asString();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> json(send("GET", base + "/admin-notifications/" + id, null))
                        .path("delivery")
                        .asString()
                        .equals("SENT"));
        assertThat(posted).hasSize(1);
        assertThat(JSON.readTree(posted.getFirst()).path("text").asString()).contains("HIGH", "payroll lure");

        String otherBase = "/api/v1/tenants/" + other.getId();
        assertThat(json(send("GET", otherBase + "/admin-notifications", null))).isEmpty();
        assertThat(send("GET", otherBase + "/admin-notifications/" + id, null).statusCode())
                .isEqualTo(404);
        HttpResponse<String> status = send("GET", base + "/notification-webhook", null);
        assertThat(json(status).path("configured").asBoolean()).isTrue();
        String page = send("GET", "/notifications", null).body();
        assertThat(page).contains("data-notification=\"" + id + "\"").contains("payroll lure");
        for (HttpResponse<String> answer : List.of(set, status, decided)) {
            assertThat(answer.body()).doesNotContain(token);
        }
        assertThat(page).doesNotContain(token);
        assertThat(output.getAll()).doesNotContain(token);

        assertThat(send("DELETE", base + "/notification-webhook", null).statusCode())
                .isEqualTo(204);
        assertThat(json(send("GET", base + "/notification-webhook", null))
                        .path("configured")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aWebhookUrlWithAPasswordIsRefusedWithoutQuotingIt() throws Exception {
        Tenant tenant = new LiveFixtures(context).tenant("Fabrikam " + UUID.randomUUID());
        String url = "https://user:pw-" + UUID.randomUUID() + "@hooks.example/x";

        HttpResponse<String> refused =
                send("PUT", "/api/v1/tenants/" + tenant.getId() + "/notification-webhook", "{\"url\":\"" + url + "\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).doesNotContain(url);
        assertThat(send("PUT", "/api/v1/tenants/" + UUID.randomUUID() + "/notification-webhook", "{\"url\":\"x\"}")
                        .statusCode())
                .isEqualTo(404);
    }

    private static MailItem copy(LiveFixtures fixtures, Mailbox mailbox, String messageId) {
        MailItem item = fixtures.item(mailbox, messageId);
        fixtures.verdict(item, RiskLevel.CLEAN);
        return item;
    }

    private static HttpServer hook(String token, List<String> posted) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks/" + token, exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static JsonNode json(HttpResponse<String> answer) {
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", WebTests.ADMIN_BASIC_AUTH)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
