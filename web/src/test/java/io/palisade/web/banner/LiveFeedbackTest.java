package io.palisade.web.banner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.connector.ConnectorException;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.policy.PolicyDocument;
import io.palisade.core.policy.PolicyService;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.detection.api.RiskLevel;
import io.palisade.m365.graph.GraphTrust;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.simulator.SimulatorConfig;
import io.palisade.simulator.control.MailboxState;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The live page's buttons reach the real verdict lifecycle (no stand-in for core's feedback): over HTTP, with the
 * page's CSRF token as a browser sends it, against the simulator and the real Graph SDK. Reports from enough
 * recipients raise every copy, rewrite every copy's banner and update open pages; trusting the sender lowers a
 * first-contact warning on that recipient's own copy, in the mailbox and on the open page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class LiveFeedbackTest {

    @RegisterExtension
    static final SimulatorExtension SIM =
            new SimulatorExtension(SimulatorConfig.defaults().withHttpNotificationUrls(true));

    static final int PORT = WebTests.freePort();
    static final Duration WAIT = Duration.ofSeconds(60);
    static final Pattern LIVE_LINK = Pattern.compile("(http://localhost:\\d+/b/[A-Za-z0-9_.-]+)");
    static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
    static SimTenant simTenant;
    static SimMailbox alice;
    static SimMailbox bob;
    static SimMailbox carol;
    static Tenant tenant;

    static final String PHISH = """
            From: "Payroll Team" <payroll.team.dept@gmail.com>
            To: alice@contoso.example, bob@contoso.example, carol@contoso.example
            Subject: Updated payroll details %s
            Message-ID: <%s@mail.gmail.com>
            Date: Thu, 03 Dec 2026 09:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/html; charset=utf-8

            <p>Hi, please review the new payroll portal.</p>
            <p><a href="https://payroll-portal.example.net/review">https://workforcenow.adp.com/payroll</a></p>
            """;

    /** SUSPICIOUS (40) from a stranger, of which the first contact is 5: LOW (35) from a known sender. */
    static final String FIRST_CONTACT_INVOICE = """
            From: "Fabrikam Billing" <fabrikam.billing.%s@gmail.com>
            To: alice@contoso.example
            Subject: Invoice %s for December
            Message-ID: <%s@mail.gmail.com>
            Date: Thu, 03 Dec 2026 09:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Hello, your invoice for December is ready. Please settle it today.
            https://view.secure.invoices.billing.fabrikam-billing.com/view/4471
            Kind regards, the billing team
            """;

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailItemRepository mailItems;

    @Autowired
    VerdictService verdicts;

    @Autowired
    PolicyService policies;

    @DynamicPropertySource
    static void pointAtTheSimulator(DynamicPropertyRegistry registry) {
        WebTests.pointAtSimulator(registry, PORT, SIM, LiveFeedbackTest::simTenant);
    }

    @Test
    void reportsFromEnoughRecipientsRaiseEveryCopysBannerAndTheOpenPages() throws Exception {
        Tenant tenant = tenant();
        policies.save(
                tenant.getId(),
                new PolicyDocument(null, null, null, null, null, 2),
                policies.current(tenant.getId()).version(),
                "admin");
        String subject = UUID.randomUUID().toString().substring(0, 8);
        byte[] mime = mime(PHISH.formatted(subject, UUID.randomUUID()));
        for (SimMailbox mailbox : List.of(alice, bob, carol)) {
            SIM.control().deliver(simTenant().tenantId(), mailbox.id(), mime);
        }
        await().atMost(WAIT).untilAsserted(() -> {
            for (SimMailbox mailbox : List.of(alice, bob, carol)) {
                assertThat(markers(mailbox, subject)).isEqualTo(1);
            }
        });
        assertThat(readable(carol, subject)).doesNotContain("aria-label=\"High risk");

        try (SseClient carolsPage = SseClient.open(browser(), URI.create(liveLink(carol, subject) + "/events"))) {
            String shown = carolsPage.next(WAIT);
            assertThat(shown).doesNotContain("\"level\":\"HIGH\"");

            assertThat(report(liveLink(alice, subject)).body()).contains("Your report was sent to your security team");
            assertThat(currentOf(tenant, subject)).noneMatch(v -> v.getCause() == VerdictCause.USER_REPORTS);
            report(liveLink(bob, subject));

            assertThat(carolsPage.nextChange(levelOf(shown), WAIT))
                    .contains("\"level\":\"HIGH\"")
                    .contains("\"label\":\"High risk\"");
        }
        assertThat(currentOf(tenant, subject)).hasSize(3).allSatisfy(version -> {
            assertThat(version.getCause()).isEqualTo(VerdictCause.USER_REPORTS);
            assertThat(version.getLevel()).isEqualTo(RiskLevel.HIGH);
            assertThat(version.getCausedBy()).isEqualTo("2 reports");
        });
        await().atMost(WAIT).untilAsserted(() -> {
            for (SimMailbox mailbox : List.of(alice, bob, carol)) {
                assertThat(readable(mailbox, subject))
                        .contains("aria-label=\"High risk")
                        .contains("2 recipients reported this message");
                assertThat(markers(mailbox, subject)).isEqualTo(1);
            }
        });
    }

    @Test
    void trustingTheSenderLowersThatRecipientsFirstContactWarningInTheMailboxAndOnThePage() throws Exception {
        Tenant tenant = tenant();
        String subject = UUID.randomUUID().toString().substring(0, 8);
        SIM.control()
                .deliver(
                        simTenant().tenantId(),
                        alice.id(),
                        mime(FIRST_CONTACT_INVOICE.formatted(subject, subject, UUID.randomUUID())));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(readable(alice, subject))
                        .contains("[Warning]")
                        .contains("first message your organisation receives from this sender"));
        String link = liveLink(alice, subject);

        try (SseClient page = SseClient.open(browser(), URI.create(link + "/events"))) {
            assertThat(page.next(WAIT)).contains("\"level\":\"SUSPICIOUS\"");

            HttpResponse<String> trusted = press(link, "trust");

            assertThat(trusted.statusCode()).isEqualTo(200);
            assertThat(page.nextChange("SUSPICIOUS", WAIT))
                    .contains("\"level\":\"LOW\"")
                    .doesNotContain("first message your organisation receives");
        }
        assertThat(currentOf(tenant, subject)).singleElement().satisfies(version -> {
            assertThat(version.getCause()).isEqualTo(VerdictCause.RECIPIENT_TRUST);
            assertThat(version.getLevel()).isEqualTo(RiskLevel.LOW);
        });
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(readable(alice, subject))
                    .contains("[Caution]")
                    .doesNotContain("[Warning]")
                    .doesNotContain("first message your organisation receives");
            assertThat(textMarkers(alice, subject)).isEqualTo(1);
        });
    }

    /** Presses the live page's report button as the recipient's browser would. */
    private HttpResponse<String> report(String link) throws IOException, InterruptedException {
        HttpResponse<String> answer = press(link, "report");
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer;
    }

    /** Opens the page in a fresh browser (its own cookies), reads its CSRF token and posts the button with it. */
    private HttpResponse<String> press(String link, String button) throws IOException, InterruptedException {
        HttpClient browser = browser();
        String page = browser.send(
                        HttpRequest.newBuilder(URI.create(link)).GET().build(), body())
                .body();
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).as("the page carries a CSRF token").isTrue();
        HttpRequest post = HttpRequest.newBuilder(URI.create(link + "/" + button))
                .header("Accept", "application/json")
                .header("X-CSRF-TOKEN", csrf.group(1))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return browser.send(post, body());
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    private static HttpResponse.BodyHandler<String> body() {
        return HttpResponse.BodyHandlers.ofString();
    }

    private static String levelOf(String event) {
        Matcher level = Pattern.compile("\"level\":\"([A-Z]+)\"").matcher(event);
        assertThat(level.find()).isTrue();
        return level.group(1);
    }

    private List<VerdictVersion> currentOf(Tenant tenant, String subject) {
        return items(tenant, subject).stream()
                .map(item -> verdicts.current(tenant.getId(), item.getId()).orElseThrow())
                .toList();
    }

    private List<MailItem> items(Tenant tenant, String subject) {
        return mailItems.findByTenantIdOrderByReceivedAtDesc(tenant.getId(), PageRequest.of(0, 200)).stream()
                .filter(i -> i.getSubject() != null && i.getSubject().contains(subject))
                .toList();
    }

    private int markers(SimMailbox mailbox, String subject) {
        return (int) Pattern.compile("data-palisade-marker")
                .matcher(readable(mailbox, subject))
                .results()
                .count();
    }

    private int textMarkers(SimMailbox mailbox, String subject) {
        return (int) Pattern.compile("Palisade-Banner: PLSD1")
                .matcher(readable(mailbox, subject))
                .results()
                .count();
    }

    private String liveLink(SimMailbox mailbox, String subject) {
        Matcher matcher = LIVE_LINK.matcher(readable(mailbox, subject));
        assertThat(matcher.find()).as("the banner links to its live page").isTrue();
        return matcher.group(1);
    }

    private MailboxState.Message messageInMailbox(SimMailbox mailbox, String subject) {
        return SIM.control().mailbox(simTenant().tenantId(), mailbox.id()).folders().stream()
                .flatMap(f -> f.messages().stream())
                .filter(m -> m.subject() != null && m.subject().contains(subject))
                .findFirst()
                .orElseThrow();
    }

    private String readable(SimMailbox mailbox, String subject) {
        return WebTests.readable(SIM.control()
                .mime(
                        simTenant().tenantId(),
                        mailbox.id(),
                        messageInMailbox(mailbox, subject).id()));
    }

    private static byte[] mime(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private synchronized Tenant tenant() throws ConnectorException {
        if (tenant == null) {
            tenant = onboarding.onboard(simTenant().tenantId(), "Contoso");
        }
        return tenant;
    }

    private static synchronized SimTenant simTenant() {
        if (simTenant == null) {
            simTenant = SIM.control().createTenant("contoso.example");
            alice = SIM.control().createMailbox(simTenant.tenantId(), "alice", "Alice Morgan");
            bob = SIM.control().createMailbox(simTenant.tenantId(), "bob", "Bob Lee");
            carol = SIM.control().createMailbox(simTenant.tenantId(), "carol", "Carol Diaz");
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
