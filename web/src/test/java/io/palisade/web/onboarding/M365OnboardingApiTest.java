package io.palisade.web.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.core.tenant.Tenant;
import io.palisade.m365.graph.GraphTrust;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.simulator.SimulatorConfig;
import io.palisade.simulator.control.MailboxState;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import io.palisade.web.WebTests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Onboarding as the whole application runs it, over HTTP and the real Graph SDK against the simulator: each
 * recipient's banner in the language their directory entry gives, and the mailbox selection set through the REST API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class M365OnboardingApiTest {

    @RegisterExtension
    static final SimulatorExtension SIM =
            new SimulatorExtension(SimulatorConfig.defaults().withHttpNotificationUrls(true));

    static final int PORT = WebTests.freePort();
    static final Duration WAIT = Duration.ofSeconds(60);
    static SimTenant appHome;

    static final String PHISH = """
            From: "Payroll Team" <payroll.team.dept@gmail.com>
            To: amelie@languages.example, bob@languages.example
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
    MailboxRepository mailboxes;

    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void pointAtTheSimulator(DynamicPropertyRegistry registry) {
        WebTests.pointAtSimulator(registry, PORT, SIM, M365OnboardingApiTest::appHome);
    }

    @Test
    void aRecipientWhoReadsFrenchGetsTheBannerInFrenchAndTheOtherInEnglish() throws Exception {
        SimTenant sim = consentedTenant("languages.example");
        SimMailbox amelie = SIM.control().createMailbox(sim.tenantId(), "amelie", "Amelie Roux");
        SimMailbox bob = SIM.control().createMailbox(sim.tenantId(), "bob", "Bob Lee");
        SIM.control().setPreferredLanguage(sim.tenantId(), amelie.id(), "fr-FR");
        onboarding.onboard(sim.tenantId(), "Languages");
        String subject = UUID.randomUUID().toString().substring(0, 8);
        byte[] mime = PHISH.formatted(subject, UUID.randomUUID())
                .replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8);

        SIM.control().deliver(sim.tenantId(), amelie.id(), mime);
        SIM.control().deliver(sim.tenantId(), bob.id(), mime);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(readable(sim, amelie, subject)).contains("data-palisade-marker");
            assertThat(readable(sim, bob, subject)).contains("data-palisade-marker");
        });
        assertThat(readable(sim, amelie, subject))
                .contains("Pourquoi cet avertissement")
                .doesNotContain("Why you see this warning");
        assertThat(readable(sim, bob, subject)).contains("Why you see this warning");
    }

    @Test
    void theSelectionIsSetThroughTheApiCheckedAgainstTheDirectoryAndAppliedAtOnce() throws Exception {
        SimTenant sim = consentedTenant("selection.example");
        SimMailbox ann = SIM.control().createMailbox(sim.tenantId(), "ann", "Ann Abe");
        SimMailbox ben = SIM.control().createMailbox(sim.tenantId(), "ben", "Ben Bo");
        String inner = SIM.control().createGroup(sim.tenantId(), "Inner", List.of(ann.id()));
        String outer = SIM.control().createGroup(sim.tenantId(), "Outer", List.of(inner));
        Tenant tenant = onboarding.onboard(sim.tenantId(), "Selection");

        HttpResponse<String> applied = put(tenant, "{\"includeGroups\":[\"" + outer + "\"]}");

        assertThat(applied.statusCode()).isEqualTo(200);
        assertThat(applied.body()).contains("\"excluded\":1").contains(outer);
        assertThat(status(tenant, ann)).isEqualTo(MailboxStatus.ACTIVE);
        assertThat(status(tenant, ben)).isEqualTo(MailboxStatus.EXCLUDED);
        assertThat(get(tenant).body()).contains("\"includeGroups\":[\"" + outer + "\"]");

        HttpResponse<String> notAnId = put(tenant, "{\"excludeGroups\":[\"Finance\"]}");
        HttpResponse<String> unknown = put(tenant, "{\"excludeGroups\":[\"" + UUID.randomUUID() + "\"]}");

        assertThat(notAnId.statusCode()).isEqualTo(400);
        assertThat(notAnId.body()).contains("not an Entra group id");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("no Entra group");
        assertThat(get(tenant).body())
                .as("a refused change leaves the selection as it was")
                .contains(outer);
    }

    @Test
    void consentingTwiceThroughTheCallbackAnswers201ThenReusesTheTenantWith200() throws Exception {
        SimTenant customer = SIM.control().createTenant("consent-twice.example");
        SIM.control().createMailbox(customer.tenantId(), "dana", "Dana Lee");

        HttpResponse<String> first = consentThroughTheCallback(customer);
        HttpResponse<String> second = consentThroughTheCallback(customer);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.body()).contains("\"reconnected\":false");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("\"reconnected\":true");
        assertThat(tenantId(second.body())).isEqualTo(tenantId(first.body()));
    }

    /** The administrator's round trip: the consent link, the identity platform's redirect, then the callback. */
    private HttpResponse<String> consentThroughTheCallback(SimTenant customer) throws Exception {
        HttpResponse<String> link = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + PORT
                                + "/api/v1/onboarding/m365/consent-link?tenant=" + customer.domain() + "&name=Twice"))
                        .header("Authorization", WebTests.ADMIN_BASIC_AUTH)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(link.statusCode()).isEqualTo(200);
        String session = link.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow()
                .split(";")[0];
        String url = link.body().replaceAll(".*\"url\":\"([^\"]+)\".*", "$1");
        HttpClient browser = HttpClient.newBuilder()
                .sslContext(SIM.sslContext())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<Void> consented = browser.send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding());
        String back = consented.headers().firstValue("Location").orElseThrow();
        return http.send(
                HttpRequest.newBuilder(URI.create(back))
                        .header("Authorization", WebTests.ADMIN_BASIC_AUTH)
                        .header("Cookie", session)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String tenantId(String body) {
        return body.replaceAll(".*\"tenantId\":\"([^\"]+)\".*", "$1");
    }

    private HttpResponse<String> put(Tenant tenant, String json) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(selectionUri(tenant))
                        .header("Content-Type", "application/json")
                        .header("Authorization", WebTests.ADMIN_BASIC_AUTH)
                        .PUT(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(Tenant tenant) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(selectionUri(tenant))
                        .header("Authorization", WebTests.ADMIN_BASIC_AUTH)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI selectionUri(Tenant tenant) {
        return URI.create(
                "http://localhost:" + PORT + "/api/v1/onboarding/m365/mailbox-selection?tenantId=" + tenant.getId());
    }

    private MailboxStatus status(Tenant tenant, SimMailbox user) {
        return mailboxes
                .findByTenantIdAndProviderAndProviderMailboxId(tenant.getId(), Provider.M365, user.id())
                .orElseThrow()
                .getStatus();
    }

    /** The message as a reader sees it: every text part, transfer encodings undone; empty before it arrives. */
    private static String readable(SimTenant sim, SimMailbox mailbox, String subject) throws IOException {
        MailboxState.Message found = SIM.control().mailbox(sim.tenantId(), mailbox.id()).folders().stream()
                .flatMap(f -> f.messages().stream())
                .filter(m -> m.subject() != null && m.subject().contains(subject))
                .findFirst()
                .orElse(null);
        if (found == null) {
            return "";
        }
        byte[] mime = SIM.control().mime(sim.tenantId(), mailbox.id(), found.id());
        Message message = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(mime));
        StringBuilder text = new StringBuilder();
        appendText(message, text);
        return text.toString();
    }

    private static void appendText(Entity entity, StringBuilder text) throws IOException {
        if (entity.getBody() instanceof Multipart multipart) {
            for (Entity part : multipart.getBodyParts()) {
                appendText(part, text);
            }
        } else if (entity.getBody() instanceof TextBody body) {
            StringWriter content = new StringWriter();
            try (Reader reader = body.getReader()) {
                reader.transferTo(content);
            }
            text.append('\n').append(content);
        }
    }

    /** A customer tenant in which the installation's app is consented with every role. */
    private static SimTenant consentedTenant(String domain) {
        Map<String, Object> spec = new HashMap<>();
        spec.put("domain", domain);
        spec.put("clientId", appHome().clientId());
        spec.put("roles", appHome().roles());
        return SIM.control().createTenant(spec);
    }

    private static synchronized SimTenant appHome() {
        if (appHome == null) {
            appHome = SIM.control().createTenant("palisade-app-home.example");
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
