package io.palisade.web.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.m365.graph.GraphTrust;
import io.palisade.simulator.SimulatorConfig;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import io.palisade.web.WebTests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The consent callback's defences over HTTP, against the simulator's identity platform: a state is good for one
 * callback, and only in the session that asked for it; the tenant is the one the token names, never one the redirect
 * names otherwise; a consent that leaves roles out connects the tenant and names each missing role with what stops
 * working; one that grants no way to read mail connects nothing. Neither the app's secret nor a token is logged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ExtendWith(OutputCaptureExtension.class)
class M365ConsentCallbackTest {

    @RegisterExtension
    static final SimulatorExtension SIM =
            new SimulatorExtension(SimulatorConfig.defaults().withHttpNotificationUrls(true));

    static final int PORT = WebTests.freePort();
    static SimTenant appHome;

    @Autowired
    JdbcTemplate jdbc;

    /** Redirects followed by hand, as the tests look at each hop. */
    final HttpClient http = HttpClient.newBuilder()
            .sslContext(SIM.sslContext())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @DynamicPropertySource
    static void pointAtTheSimulator(DynamicPropertyRegistry registry) {
        WebTests.pointAtSimulator(registry, PORT, SIM, M365ConsentCallbackTest::appHome);
    }

    @Test
    void aStateUsedTwiceIsRefusedTheSecondTimeAndChangesNothing() throws Exception {
        SimTenant customer = customer("replayed");
        Started admin = startConsent(customer, "Replayed");
        URI callback = consentGranted(admin);
        HttpResponse<String> first = send(callback, admin.cookie());
        assertThat(first.statusCode()).isEqualTo(201);
        List<String> rolesAfterFirst = grantedRoles(customer);
        // Were the replay taken, the callback would refresh the tenant with what the tenant grants now.
        SIM.control().consent(customer.tenantId(), appHome().clientId(), Set.of("Mail.Read", "User.Read.All"));

        HttpResponse<String> replayed = send(callback, admin.cookie());

        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(replayed.body()).contains("state does not match");
        assertThat(connections(customer)).isEqualTo(1);
        assertThat(tenantsNamed("Replayed")).isEqualTo(1);
        assertThat(grantedRoles(customer)).containsExactlyInAnyOrderElementsOf(rolesAfterFirst);
    }

    @Test
    void aCallbackCarryingAnotherSessionsStateIsRefusedAndThatSessionCanStillFinish() throws Exception {
        SimTenant customer = customer("crossed");
        Started intruder = startConsent(customer, "Crossed");
        Started admin = startConsent(customer, "Crossed");
        URI adminsCallback = consentGranted(admin);

        HttpResponse<String> crossed = send(adminsCallback, intruder.cookie());

        assertThat(crossed.statusCode()).isEqualTo(400);
        assertThat(crossed.body()).contains("state does not match");
        assertThat(connections(customer)).isZero();
        assertThat(tenantsNamed("Crossed")).isZero();
        assertThat(send(adminsCallback, admin.cookie()).statusCode())
                .as("the refusal used up nothing of the session that owns the state")
                .isEqualTo(201);
        assertThat(connections(customer)).isEqualTo(1);
    }

    @Test
    void aTokenWhoseTenantDiffersFromTheRedirectsIsRefusedAndStoresNothing() throws Exception {
        SimTenant customer = customer("other-name");
        Started admin = startConsent(customer, "Other Name");
        URI callback = consentGranted(admin);
        // The token endpoint also takes a tenant's domain; the token it issues then names the tenant by its id.
        URI byDomain = URI.create(callback.toString().replaceFirst("([?&]tenant=)[^&]+", "$1" + customer.domain()));
        assertThat(byDomain).isNotEqualTo(callback);

        HttpResponse<String> refused = send(byDomain, admin.cookie());

        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(refused.body()).contains("the token's tenant differs from the consent redirect's");
        assertThat(connections(customer)).isZero();
        assertThat(tenantsNamed("Other Name")).isZero();
    }

    @Test
    void aConsentGrantingFewerRolesConnectsTheTenantAndNamesEachMissingRoleWithWhatStopsWorking(CapturedOutput output)
            throws Exception {
        SimTenant customer = customer("fewer-roles");
        Started admin = startConsent(customer, "Fewer Roles");
        URI callback = consentGranted(admin);
        SIM.control().consent(customer.tenantId(), appHome().clientId(), Set.of("Mail.Read", "User.Read.All"));

        HttpResponse<String> connected = send(callback, admin.cookie());

        assertThat(connected.statusCode()).isEqualTo(201);
        JsonNode body = WebTests.JSON.readTree(connected.body());
        assertThat(strings(body.path("grantedRoles"))).containsExactlyInAnyOrder("Mail.Read", "User.Read.All");
        List<JsonNode> missing = new ArrayList<>();
        body.path("missing").forEach(missing::add);
        assertThat(missing)
                .extracting(m -> m.path("role").asString())
                .containsExactly(
                        "GroupMember.Read.All",
                        "Mail.ReadWrite",
                        "Mail-Advanced.ReadWrite.All",
                        "Chat.Read.All",
                        "Chat.UpdatePolicyViolation.All",
                        "Files.Read.All");
        assertThat(missing)
                .allSatisfy(m -> assertThat(m.path("effect").asString()).isNotBlank());
        assertThat(missing)
                .filteredOn(m -> m.path("role").asString().equals("Mail.ReadWrite"))
                .singleElement()
                .satisfies(m -> assertThat(m.path("effect").asString())
                        .isEqualTo("no quarantine, release, deletion or banner; with Mail.Read alone mail is only"
                                + " scanned"));
        assertThat(connections(customer)).isEqualTo(1);
        assertThat(grantedRoles(customer)).containsExactlyInAnyOrder("Mail.Read", "User.Read.All");
        assertThat(output.getAll())
                .as("the log holds neither the app's secret nor a token")
                .doesNotContain(appHome().clientSecret())
                .doesNotContainPattern("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}");
    }

    @Test
    void aConsentGrantingNeitherMailReadNorMailReadWriteIsRefusedAndStoresNothing() throws Exception {
        SimTenant customer = customer("no-mail");
        Started admin = startConsent(customer, "No Mail");
        URI callback = consentGranted(admin);
        SIM.control().consent(customer.tenantId(), appHome().clientId(), Set.of("User.Read.All", "Chat.Read.All"));

        HttpResponse<String> refused = send(callback, admin.cookie());

        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(refused.body()).contains("consent granted neither Mail.Read nor Mail.ReadWrite");
        assertThat(connections(customer)).isZero();
        assertThat(tenantsNamed("No Mail")).isZero();
    }

    /** An administrator's session that asked for a consent link: its cookie and the link. */
    private record Started(String cookie, URI consentPage) {}

    private Started startConsent(SimTenant customer, String name) throws Exception {
        HttpResponse<String> link = send(
                URI.create("http://localhost:" + PORT + "/api/v1/onboarding/m365/consent-link?tenant="
                        + customer.domain() + "&name=" + name.replace(" ", "%20")),
                null);
        assertThat(link.statusCode()).isEqualTo(200);
        String cookie = link.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow()
                .split(";")[0];
        return new Started(
                cookie,
                URI.create(WebTests.JSON.readTree(link.body()).path("url").asString()));
    }

    /** The identity platform's consent page, granting; returns the callback it sends the browser to. */
    private URI consentGranted(Started started) throws Exception {
        HttpResponse<String> granted = send(started.consentPage(), null);
        assertThat(granted.statusCode()).isBetween(300, 399);
        URI callback = URI.create(granted.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getRawQuery()).contains("admin_consent=True").contains("state=");
        return callback;
    }

    private HttpResponse<String> send(URI uri, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if ("localhost".equals(uri.getHost())) {
            request.header("Authorization", WebTests.ADMIN_BASIC_AUTH);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int connections(SimTenant customer) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM provider_connections WHERE provider = 'M365' AND external_tenant_id = ?",
                Integer.class,
                customer.tenantId());
    }

    private List<String> grantedRoles(SimTenant customer) {
        return jdbc.queryForObject(
                "SELECT array_to_string(granted_roles, ',') FROM provider_connections"
                        + " WHERE provider = 'M365' AND external_tenant_id = ?",
                (rs, row) -> List.of(rs.getString(1).split(",")),
                customer.tenantId());
    }

    private int tenantsNamed(String name) {
        return jdbc.queryForObject("SELECT count(*) FROM tenants WHERE name = ?", Integer.class, name);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asString()));
        return out;
    }

    /** A customer tenant with one mailbox, where the installation's app is not consented yet. */
    private static SimTenant customer(String name) {
        SimTenant customer = SIM.control()
                .createTenant(name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example");
        SIM.control().createMailbox(customer.tenantId(), "dana", "Dana Lee");
        return customer;
    }

    private static synchronized SimTenant appHome() {
        if (appHome == null) {
            appHome = SIM.control().createTenant("palisade-consent-callback.example");
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
