package io.palisade.m365.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.core.connector.ConnectorException;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.m365.M365Properties;
import io.palisade.m365.M365TestApplication;
import io.palisade.m365.SharedSimulator;
import io.palisade.m365.notify.TestKeystores;
import io.palisade.m365.onboarding.ConsentFlow;
import io.palisade.m365.subscription.SubscriptionRecord;
import io.palisade.m365.subscription.SubscriptionStore;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The app proves itself with a certificate instead of its secret, through azure-identity's certificate credential
 * against the simulated identity platform: a tenant is consented, onboarded and watched; a certificate the app
 * registration does not hold is refused.
 */
@SpringBootTest(classes = M365TestApplication.class)
class CertificateCredentialTest {

    private static final int WEBHOOK_PORT = freePort();

    @DynamicPropertySource
    static void certificateInsteadOfSecret(DynamicPropertyRegistry registry) {
        registry.add("palisade.m365.client-id", () -> SharedSimulator.app().clientId());
        registry.add(
                "palisade.m365.client-certificate",
                () -> AppCertificates.registeredPem().toString());
        registry.add("palisade.m365.graph-base-url", () -> SharedSimulator.get().graphBaseUrl());
        registry.add("palisade.m365.authority-host", () -> SharedSimulator.get().authorityHost());
        registry.add("palisade.m365.notification-url", () -> "http://localhost:" + WEBHOOK_PORT + "/webhooks/m365");
    }

    @Autowired
    M365Properties properties;

    @Autowired
    ConsentFlow consent;

    @Autowired
    GraphClients graphClients;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    SubscriptionStore subscriptions;

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
    void aTenantConsentedWithTheCertificateIsOnboardedAndItsMailboxSubscribed() throws Exception {
        assertThat(properties.clientSecret()).isNull();
        SimTenant customer = SharedSimulator.control().createTenant("cert-" + shortId() + ".example");
        SimMailbox dana = SharedSimulator.control().createMailbox(customer.tenantId(), "dana", "Dana Lee");
        String state = ConsentFlow.newState();

        Map<String, String> back = follow(consent.link(customer.domain(), URI.create("https://p.example/cb"), state));
        ConsentFlow.Completed done = consent.complete(back.get("tenant"), "Certified Ltd");

        assertThat(done.grantedRoles()).contains("Mail.ReadWrite", "User.Read.All");
        UUID tenantId = done.tenant().getId();
        assertThat(mailboxes.findByTenantIdAndStatusOrderByAddress(tenantId, MailboxStatus.ACTIVE))
                .singleElement()
                .satisfies(m -> assertThat(m.getProviderMailboxId()).isEqualTo(dana.id()));
        assertThat(subscriptions.findByTenant(tenantId)).anySatisfy(s -> {
            assertThat(s.resource()).isEqualTo("/users/" + dana.id() + "/messages");
            assertThat(s.status()).isEqualTo(SubscriptionRecord.Status.ACTIVE);
        });
        assertThat(SharedSimulator.control().subscriptions(customer.tenantId()))
                .anySatisfy(s -> assertThat(s.path("resource").asString()).contains(dana.id()));
        JsonNode claims = claims(graphClients.appToken(customer.tenantId()).getToken());
        assertThat(claims.path("appidacr").asString())
                .as("the identity platform saw a certificate")
                .isEqualTo("2");
    }

    @Test
    void aCertificateTheAppRegistrationDoesNotHoldIsRefused() throws Exception {
        SimTenant customer = SharedSimulator.consentedTenant("wrong-cert-" + shortId() + ".example");
        M365Properties wrong = new M365Properties(
                properties.clientId(),
                null,
                properties.graphBaseUrl(),
                properties.authorityHost(),
                properties.notificationUrl(),
                null,
                null,
                AppCertificates.unregisteredPfx(),
                TestKeystores.PASSWORD);
        GraphClients impostor = new GraphClients(wrong, trust, throttle, throttling, metrics, clock);

        assertThatThrownBy(() -> impostor.appToken(customer.tenantId()))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("AADSTS700027");
        assertThat(graphClients.appToken(customer.tenantId()).getToken()).isNotBlank();
    }

    private static JsonNode claims(String jwt) {
        return JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static Map<String, String> follow(URI link) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(SharedSimulator.get().sslContext())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<Void> response =
                http.send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isBetween(300, 399);
        Map<String, String> out = new HashMap<>();
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        for (String pair : location.getRawQuery().split("&")) {
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
