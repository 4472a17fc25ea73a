package io.palisade.m365.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.core.connector.ConnectorException;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.core.tenant.ProviderConnectionService;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.SharedSimulator;
import io.palisade.simulator.control.SimTenant;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A tenant onboarded through the admin-consent link of the simulated identity platform. */
class ConsentFlowTest extends M365IntegrationTest {

    @Autowired
    ConsentFlow consent;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    ProviderConnectionService connections;

    @Test
    void theLinkAsksForTheDefaultScopeWithTheStateAndTheCallback() {
        URI link = consent.link("contoso.example", URI.create("https://palisade.example/cb"), "s-1");

        assertThat(link.getPath()).isEqualTo("/contoso.example/v2.0/adminconsent");
        assertThat(query(link))
                .containsEntry("client_id", SharedSimulator.app().clientId())
                .containsEntry("scope", "https://graph.microsoft.com/.default")
                .containsEntry("redirect_uri", "https://palisade.example/cb")
                .containsEntry("state", "s-1");
        assertThat(consent.link(null, URI.create("https://p/cb"), "s").getPath())
                .isEqualTo("/organizations/v2.0/adminconsent");
    }

    @Test
    void refusesTheCommonTenantAndHintsThatAreNotTenants() {
        URI cb = URI.create("https://p/cb");

        assertThatThrownBy(() -> consent.link("common", cb, "s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> consent.link("evil/../x?y", cb, "s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onboardsTheTenantWithTheRolesReadFromItsToken() throws Exception {
        SimTenant customer = customerWithoutOurApp("consented-" + shortId() + ".example");
        SharedSimulator.control().createMailbox(customer.tenantId(), "dana", "Dana Lee");
        String state = ConsentFlow.newState();

        Map<String, String> back = follow(consent.link(customer.domain(), URI.create("https://p.example/cb"), state));

        assertThat(back).containsEntry("admin_consent", "True").containsEntry("state", state);
        ConsentFlow.Completed done = consent.complete(back.get("tenant"), "Consented Ltd");
        assertThat(done.grantedRoles()).contains("Mail.ReadWrite", "User.Read.All");
        assertThat(done.missing()).isEmpty();
        assertThat(mailboxes.findByTenantIdAndStatusOrderByAddress(done.tenant().getId(), MailboxStatus.ACTIVE))
                .hasSize(1);
        assertThat(connections.list(done.tenant().getId()))
                .singleElement()
                .satisfies(c -> assertThat(c.getGrantedRoles()).contains("Mail.ReadWrite"));
    }

    @Test
    void recordsNothingWhenNoTokenCanBeObtainedForTheTenant() {
        SimTenant notConsented = customerWithoutOurApp("not-consented-" + shortId() + ".example");

        assertThatThrownBy(() -> consent.complete(notConsented.tenantId(), "Nobody"))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("no app token");
    }

    @Test
    void namesEachMissingRoleWithWhatStopsWorking() {
        var missing = M365Permissions.missing(Set.of("Mail.Read", "User.Read.All"));

        assertThat(missing)
                .extracting(M365Permissions.Missing::role)
                .containsExactly(
                        "GroupMember.Read.All",
                        "Mail.ReadWrite",
                        "Mail-Advanced.ReadWrite.All",
                        "Chat.Read.All",
                        "Chat.UpdatePolicyViolation.All",
                        "Files.Read.All");
        assertThat(missing).allSatisfy(m -> assertThat(m.effect()).isNotBlank());
        assertThat(M365Permissions.missing(Set.of("Directory.Read.All", "Mail.ReadWrite")))
                .extracting(M365Permissions.Missing::role)
                .doesNotContain("User.Read.All", "Mail.ReadWrite");
    }

    @Test
    void stateComparisonNeedsTheExactValue() {
        assertThat(ConsentFlow.stateMatches("abc", "abc")).isTrue();
        assertThat(ConsentFlow.stateMatches("abc", "abd")).isFalse();
        assertThat(ConsentFlow.stateMatches(null, "abc")).isFalse();
        assertThat(ConsentFlow.newState()).isNotEqualTo(ConsentFlow.newState()).hasSizeGreaterThan(40);
    }

    /** A tenant with an unrelated app of its own, where the installation's app is not consented yet. */
    private static SimTenant customerWithoutOurApp(String domain) {
        return SharedSimulator.control().createTenant(domain);
    }

    private static Map<String, String> follow(URI link) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(SharedSimulator.get().sslContext())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<Void> response =
                http.send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isBetween(300, 399);
        return query(URI.create(response.headers().firstValue("Location").orElseThrow()));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
