package io.palisade.web.banner;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.banners.live.LiveTokens;
import io.palisade.core.audit.AuditEntry;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.tenant.Tenant;
import io.palisade.detection.api.RiskLevel;
import io.palisade.web.WebTests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.PageRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The banner settings API over HTTP with the administrator's Basic credentials: versions, history and audit; the
 * settings reaching the live page; refusals of unreadable colours, unknown wording keys and languages; and tenant
 * isolation of settings and mailbox languages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BannerSettingsApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    LiveTokens tokens;

    @Autowired
    AuditLog audit;

    LiveFixtures fixtures;
    Tenant tenant;
    Mailbox mailbox;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        fixtures = new LiveFixtures(context);
        tenant = fixtures.tenant("Fabrikam " + UUID.randomUUID());
        mailbox = fixtures.mailbox(tenant, "alice");
    }

    @Test
    void aTenantWithoutSettingsGetsVersionZeroDefaults() throws Exception {
        HttpResponse<String> answer = send("GET", settings(tenant), null);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("version").asInt()).isZero();
        assertThat(body.path("settings").path("accent").isNull()).isTrue();
        assertThat(body.path("settings").path("overrides").size()).isZero();
    }

    @Test
    void savedSettingsAreVersionedAuditedAndShownOnTheLivePage() throws Exception {
        String document = """
                {"displayName":"Fabrikam Security Desk","accent":"#1A3D6B","defaultLocale":"de",
                 "overrides":{"level.HIGH.label@de":"Vorsicht: Betrugsverdacht"}}""";

        HttpResponse<String> saved = send("PUT", settings(tenant) + "?expectedVersion=0", document);

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(saved.body()).path("version").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(saved.body()).path("savedBy").asString()).isEqualTo("admin");
        String page = page(bannered(RiskLevel.HIGH));
        assertThat(page)
                .contains("lang=\"de\"")
                .contains("Vorsicht: Betrugsverdacht")
                .contains("Fabrikam Security Desk");
        assertThat(audit.recent(tenant.getId(), PageRequest.of(0, 20)))
                .extracting(AuditEntry::getAction)
                .contains("banner_settings.saved");
    }

    @Test
    void anEditBasedOnAStaleVersionIsRefusedAndChangesNothing() throws Exception {
        send("PUT", settings(tenant), "{\"displayName\":\"First\"}");
        send("PUT", settings(tenant), "{\"displayName\":\"Second\"}");

        HttpResponse<String> stale = send("PUT", settings(tenant) + "?expectedVersion=1", "{\"displayName\":\"Late\"}");

        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("version 2");
        JsonNode current = JSON.readTree(send("GET", settings(tenant), null).body());
        assertThat(current.path("settings").path("displayName").asString()).isEqualTo("Second");
        JsonNode history =
                JSON.readTree(send("GET", settings(tenant) + "/history", null).body());
        assertThat(history).extracting(v -> v.path("version").asInt()).containsExactly(2, 1);
    }

    @Test
    void anAccentColourBelowAaContrastIsRefusedWithTheFailingLevel() throws Exception {
        HttpResponse<String> answer = send("PUT", settings(tenant), "{\"accent\":\"#FFD700\"}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("#FFD700").contains("WCAG AA needs 4.5:1");
        assertThat(JSON.readTree(send("GET", settings(tenant), null).body())
                        .path("version")
                        .asInt())
                .isZero();
    }

    @Test
    void badInputIsRefusedListingEveryProblem() throws Exception {
        String document = """
                {"accent":"blue","defaultLocale":"fi",
                 "overrides":{"level.HIGH.headlin":"x","footer":"From {organisation}","page.report@it":"Segnala",
                 "reason.DMARC_FAIL@fr":" "}}""";

        HttpResponse<String> answer = send("PUT", settings(tenant), document);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body())
                .contains("colour must be #RRGGBB: blue")
                .contains("default language 'fi'")
                .contains("'level.HIGH.headlin' names no banner text")
                .contains("uses {organisation}; this text can use {name}")
                .contains("no wording in 'it'")
                .contains("'reason.DMARC_FAIL@fr' is empty");
        assertThat(send("PUT", settings(tenant), "{not json").statusCode()).isEqualTo(400);
        assertThat(send("GET", settings(tenant), null).body()).contains("\"version\":0");
    }

    @Test
    void aMailboxLanguageChangesItsBannersAndCanBeCleared() throws Exception {
        MailItem item = bannered(RiskLevel.SUSPICIOUS);

        HttpResponse<String> saved = send("PUT", locale(tenant, mailbox), "{\"locale\":\"es-MX\"}");

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(saved.body()).path("bannerLanguage").asString())
                .isEqualTo("es");
        assertThat(page(item)).contains("lang=\"es\"");
        assertThat(send("GET", settings(tenant) + "/mailbox-locales", null).body())
                .contains("alice@fabrikam.example")
                .contains("es-MX");
        assertThat(send("DELETE", locale(tenant, mailbox), null).statusCode()).isEqualTo(204);
        assertThat(page(item)).contains("lang=\"en\"");
        assertThat(send("PUT", locale(tenant, mailbox), "{\"locale\":\"not a tag!\"}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void anotherTenantsSettingsAndMailboxesAreOutOfReach() throws Exception {
        Tenant other = fixtures.tenant("Northwind " + UUID.randomUUID());
        send("PUT", settings(other), "{\"displayName\":\"Northwind only\"}");

        assertThat(send("GET", settings(tenant), null).body()).doesNotContain("Northwind only");
        assertThat(send("PUT", locale(other, mailbox), "{\"locale\":\"fr\"}").statusCode())
                .isEqualTo(404);
        assertThat(send("GET", settings(other) + "/mailbox-locales", null).body())
                .isEqualTo("[]");
        assertThat(page(bannered(RiskLevel.HIGH))).doesNotContain("Northwind only");
        assertThat(send("GET", "/api/v1/tenants/" + UUID.randomUUID() + "/banner-settings", null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void theApiNeedsTheAdministrator() throws Exception {
        HttpRequest anonymous = HttpRequest.newBuilder(uri(settings(tenant)))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Anyone\"}"))
                .header("Content-Type", "application/json")
                .build();

        assertThat(http.send(anonymous, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(401);
        assertThat(send("GET", settings(tenant), null).body()).contains("\"version\":0");
    }

    private MailItem bannered(RiskLevel level) {
        MailItem item = fixtures.item(mailbox, "<" + UUID.randomUUID() + "@contoso-payroll.com>");
        fixtures.verdict(item, level, LiveFixtures.LOOKALIKE);
        return item;
    }

    private String page(MailItem item) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/b/" + tokens.issue(tenant.getId(), item.getId())))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String settings(Tenant tenant) {
        return "/api/v1/tenants/" + tenant.getId() + "/banner-settings";
    }

    private static String locale(Tenant tenant, Mailbox mailbox) {
        return settings(tenant) + "/mailbox-locales/" + mailbox.getId();
    }

    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", WebTests.ADMIN_BASIC_AUTH)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
