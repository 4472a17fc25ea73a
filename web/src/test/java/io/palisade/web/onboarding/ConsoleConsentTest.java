package io.palisade.web.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.m365.graph.GraphTrust;
import io.palisade.simulator.SimulatorConfig;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import io.palisade.web.WebTests;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * A Microsoft 365 tenant connected from the console, as an administrator's browser does it against the simulator's
 * identity platform: the connectors page's form (session and CSRF token) leads to the consent page, whose answer
 * comes back to the connectors page naming the connected tenant; a callback that does not carry the session's state
 * comes back to the page with the reason and connects nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ConsoleConsentTest {

    @RegisterExtension
    static final SimulatorExtension SIM =
            new SimulatorExtension(SimulatorConfig.defaults().withHttpNotificationUrls(true));

    static final int PORT = WebTests.freePort();
    static SimTenant appHome;

    @Autowired
    JdbcTemplate jdbc;

    /** The administrator's browser: a cookie session, redirects followed by hand. */
    final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .sslContext(SIM.sslContext())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @DynamicPropertySource
    static void pointAtTheSimulator(DynamicPropertyRegistry registry) {
        WebTests.pointAtSimulator(registry, PORT, SIM, ConsoleConsentTest::appHome);
    }

    @Test
    void theConnectorsPageFormConnectsATenantThroughConsentAndComesBackNamingIt() throws Exception {
        SimTenant customer = SIM.control().createTenant("fabrikam.example");
        SIM.control().createMailbox(customer.tenantId(), "dana", "Dana Fox");

        HttpResponse<String> started = submitConsentForm("name=Fabrikam&tenant=fabrikam.example");

        assertThat(started.statusCode()).isEqualTo(302);
        URI consentPage = location(started);
        assertThat(consentPage.toString()).startsWith(SIM.authorityHost()).contains("/adminconsent");
        HttpResponse<String> granted = send(consentPage);
        assertThat(granted.statusCode()).isBetween(300, 399);
        URI callback = location(granted);
        assertThat(callback.getRawQuery()).contains("admin_consent=True");

        HttpResponse<String> back = send(callback);

        assertThat(back.statusCode()).isEqualTo(302);
        URI page = location(back);
        assertThat(page.getPath()).isEqualTo("/connectors");
        List<UUID> connected = jdbc.queryForList("SELECT tenant_id FROM tenants WHERE name = 'Fabrikam'", UUID.class);
        assertThat(connected).hasSize(1);
        assertThat(page.getRawQuery()).isEqualTo("connected=" + connected.getFirst());
        assertThat(send(page).body()).contains("Connected <strong>Fabrikam</strong>");
    }

    @Test
    void aCallbackWithoutTheSessionsStateComesBackToTheConsoleWithTheReasonAndConnectsNothing() throws Exception {
        SimTenant customer = SIM.control().createTenant("contoso-forged.example");
        HttpResponse<String> started = submitConsentForm("name=Forged&tenant=contoso-forged.example");
        assertThat(started.statusCode()).isEqualTo(302);

        HttpResponse<String> back = send(URI.create("http://localhost:" + PORT
                + "/api/v1/onboarding/m365/callback?admin_consent=True&tenant=" + customer.tenantId()
                + "&state=" + UUID.randomUUID()));

        assertThat(back.statusCode()).isEqualTo(302);
        URI page = location(back);
        assertThat(page.getPath()).isEqualTo("/connectors");
        assertThat(send(page).body()).contains("The tenant was not connected").contains("state does not match");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tenants WHERE name = 'Forged'", Integer.class))
                .isZero();
    }

    /** Posts the connectors page's consent form the way a browser does: the page's CSRF token, the session. */
    private HttpResponse<String> submitConsentForm(String form) throws Exception {
        String page =
                send(URI.create("http://localhost:" + PORT + "/connectors")).body();
        assertThat(page).contains("Connect a Microsoft 365 tenant");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as("the consent form carries a CSRF token").isTrue();
        String body = form + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/connectors/m365/consent"))
                        .header("Authorization", WebTests.ADMIN_BASIC_AUTH)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(URI uri) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if ("localhost".equals(uri.getHost())) {
            request.header("Authorization", WebTests.ADMIN_BASIC_AUTH);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI location(HttpResponse<?> response) {
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        return location.isAbsolute()
                ? location
                : URI.create("http://localhost:" + PORT).resolve(location);
    }

    private static synchronized SimTenant appHome() {
        if (appHome == null) {
            appHome = SIM.control().createTenant("palisade-console.example");
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
