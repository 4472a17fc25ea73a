package io.palisade.m365.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.core.connector.ConnectorException;
import io.palisade.m365.CapturedLog;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.M365Properties;
import io.palisade.m365.SharedSimulator;
import io.palisade.m365.notify.TestKeystores;
import io.palisade.m365.onboarding.ConsentFlow;
import io.palisade.simulator.control.SimTenant;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The app's client secret, its certificate's password and the access tokens it obtains never reach the log: not
 * while a tenant is consented and onboarded, nor when the identity platform refuses a wrong secret or a certificate
 * the app registration does not hold, nor when the certificate cannot be opened with its password.
 */
class SecretsAreNeverLoggedTest extends M365IntegrationTest {

    /** A JWT (the form of every access token): two base64url JSON objects, each encoded from an opening brace. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}");

    private static final String WRONG_SECRET = "wrong-secret-" + UUID.randomUUID();

    @Autowired
    M365Properties properties;

    @Autowired
    ConsentFlow consent;

    @Autowired
    GraphClients graphClients;

    @Autowired
    ObjectProvider<GraphTrust> trust;

    @Autowired
    GraphThrottle throttle;

    @Autowired
    ThrottleProperties throttling;

    @Autowired
    GraphMetrics metrics;

    @Autowired
    Clock clock;

    @Test
    void consentAndOnboardingLogNeitherTheSecretNorAnyToken() throws Exception {
        SimTenant customer = SharedSimulator.control().createTenant("no-secrets-" + shortId() + ".example");
        SharedSimulator.control().createMailbox(customer.tenantId(), "dana", "Dana Lee");

        List<String> lines;
        try (CapturedLog log = CapturedLog.start()) {
            String tenant = consentedTenant(consent.link(customer.domain(), URI.create("https://p.example/cb"), "s"));
            consent.complete(tenant, "No Secrets Ltd");
            lines = log.lines();
        }

        assertThat(lines)
                .as("the consent was logged")
                .anySatisfy(l -> assertThat(l).contains("event="));
        assertNoSecretIn(lines, graphClients.appToken(customer.tenantId()).getToken());
    }

    @Test
    void aRefusedSecretIsNotLoggedNorIsTheRealOne() {
        SimTenant customer = SharedSimulator.consentedTenant("wrong-secret-" + shortId() + ".example");
        GraphClients impostor = clientsWith(secretProperties(WRONG_SECRET));

        List<String> lines;
        try (CapturedLog log = CapturedLog.start()) {
            assertThatThrownBy(() -> impostor.appToken(customer.tenantId()))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("AADSTS7000215");
            assertThatThrownBy(() ->
                            impostor.forTenant(customer.tenantId()).users().get())
                    .as("a Graph call whose token is refused fails")
                    .isInstanceOf(RuntimeException.class);
            lines = log.lines();
        }

        assertNoSecretIn(lines, null);
    }

    @Test
    void aRefusedCertificateDoesNotLogItsPassword() {
        SimTenant customer = SharedSimulator.consentedTenant("wrong-cert-log-" + shortId() + ".example");
        GraphClients impostor =
                clientsWith(certificateProperties(AppCertificates.unregisteredPfx(), TestKeystores.PASSWORD));

        List<String> lines;
        try (CapturedLog log = CapturedLog.start()) {
            assertThatThrownBy(() -> impostor.appToken(customer.tenantId()))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("AADSTS700027");
            assertThatThrownBy(() ->
                            impostor.forTenant(customer.tenantId()).users().get())
                    .isInstanceOf(RuntimeException.class);
            lines = log.lines();
        }

        assertNoSecretIn(lines, null);
    }

    @Test
    void aCertificateThatTheWrongPasswordCannotOpenStopsStartUpWithoutQuotingThePassword() {
        String wrongPassword = "wrong-password-" + UUID.randomUUID();

        assertThatThrownBy(() -> clientsWith(certificateProperties(AppCertificates.unregisteredPfx(), wrongPassword)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be opened")
                .satisfies(e -> assertThat(stackTrace(e))
                        .as("what start-up would log")
                        .doesNotContain(wrongPassword)
                        .doesNotContain(TestKeystores.PASSWORD));
    }

    private void assertNoSecretIn(List<String> lines, String token) {
        assertThat(lines).allSatisfy(line -> {
            assertThat(line)
                    .doesNotContain(SharedSimulator.app().clientSecret())
                    .doesNotContain(WRONG_SECRET)
                    .doesNotContain(TestKeystores.PASSWORD)
                    .doesNotContainPattern(JWT);
            if (token != null) {
                assertThat(line).doesNotContain(token);
            }
        });
    }

    private GraphClients clientsWith(M365Properties app) {
        return new GraphClients(app, trust, throttle, throttling, metrics, clock);
    }

    private M365Properties secretProperties(String secret) {
        return new M365Properties(
                properties.clientId(),
                secret,
                properties.graphBaseUrl(),
                properties.authorityHost(),
                properties.notificationUrl(),
                null,
                null,
                null,
                null);
    }

    private M365Properties certificateProperties(Path certificate, String password) {
        return new M365Properties(
                properties.clientId(),
                null,
                properties.graphBaseUrl(),
                properties.authorityHost(),
                properties.notificationUrl(),
                null,
                null,
                certificate,
                password);
    }

    /** Follows the consent link as the administrator's browser does; returns the tenant the redirect names. */
    private static String consentedTenant(URI link) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(SharedSimulator.get().sslContext())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<Void> response =
                http.send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.discarding());
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.replaceAll(".*[?&]tenant=([^&]+).*", "$1");
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
