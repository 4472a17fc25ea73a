package io.palisade.web.banner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.connector.ConnectorException;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.verdict.VerdictService;
import io.palisade.detection.api.Signal;
import io.palisade.m365.graph.GraphTrust;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.simulator.SimulatorConfig;
import io.palisade.simulator.control.MailboxState;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import io.palisade.web.WebTests;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the banner written to the mailbox carries, end to end through the pipeline (simulated Graph notification,
 * fetch, scan, policy, banner action, write-back): the verdict's reasons in plain words, the tracking pixels that
 * detection's tracker analysis found taken out, and nothing at all in an S/MIME signed message, with the reason
 * recorded in the audit log and on the skipped action.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class BannerWiringTest {

    @RegisterExtension
    static final SimulatorExtension SIM =
            new SimulatorExtension(SimulatorConfig.defaults().withHttpNotificationUrls(true));

    static final int PORT = WebTests.freePort();
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String PIXEL = "https://open.newsletter-metrics.example/o/7f3a9c.gif";
    static final String LOGO = "https://cdn.payroll-portal.example.net/logo.png";
    static SimTenant simTenant;
    static SimMailbox alice;
    static Tenant tenant;

    static final String PHISH_HTML = """
            <p>Hi, please review the new payroll portal.</p>
            <p><img src="%s" width="180" height="60" alt="Payroll"></p>
            <p><a href="https://payroll-portal.example.net/review">https://workforcenow.adp.com/payroll</a></p>
            <img src="%s" width="1" height="1" alt="">
            """.formatted(LOGO, PIXEL);

    static final String PHISH = """
            From: "Payroll Team" <payroll.team.dept@gmail.com>
            To: alice@contoso.example
            Subject: Updated payroll details %s
            Message-ID: <%s@mail.gmail.com>
            Date: Thu, 03 Dec 2026 09:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/html; charset=utf-8

            %s
            """;

    static final String SIGNED_PHISH = """
            From: "Payroll Team" <payroll.team.dept@gmail.com>
            To: alice@contoso.example
            Subject: Updated payroll details %s
            Message-ID: <%s@mail.gmail.com>
            Date: Thu, 03 Dec 2026 09:00:00 +0000
            MIME-Version: 1.0
            Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="sig-b"

            This is an S/MIME signed message

            --sig-b
            Content-Type: text/html; charset=utf-8

            %s
            --sig-b
            Content-Type: application/pkcs7-signature; name="smime.p7s"
            Content-Transfer-Encoding: base64
            Content-Disposition: attachment; filename="smime.p7s"

            AFu2EWzHIn3YM47pRJ/6VbALZsEcd9ItiOM+mfRPqgVguxZxzCeC3TiT7kmk/1q1EGvGIXzXMo3o
            Q575VK8KZcAbdtEsh+I9mPNOqQRfuhVwyyaB3DeS7Uij/lm0D2rFIHvWMYznQp34U64JZL8addAr

            --sig-b--
            """;

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailItemRepository mailItems;

    @Autowired
    VerdictService verdicts;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void pointAtTheSimulator(DynamicPropertyRegistry registry) {
        WebTests.pointAtSimulator(registry, PORT, SIM, BannerWiringTest::simTenant);
    }

    @Test
    void theBannerInTheMailboxGivesTheVerdictsReasonsInPlainWords() throws Exception {
        Tenant tenant = tenant();
        String subject = deliver(PHISH);

        await().atMost(WAIT).untilAsserted(() -> assertThat(markers(subject)).isEqualTo(1));
        MailItem item = item(tenant, subject);
        List<String> reasons = verdicts
                .signals(verdicts.current(tenant.getId(), item.getId()).orElseThrow())
                .stream()
                .filter(s -> s.weight() > 0)
                .map(Signal::reason)
                .toList();
        assertThat(reasons)
                .contains("The sender presents itself as a company but writes from a personal gmail.com mailbox");
        String banner = Jsoup.parse(readable(subject)).text();
        assertThat(banner).contains("Why you see this warning");
        for (String reason : reasons.subList(0, Math.min(5, reasons.size()))) {
            assertThat(banner).contains(reason);
        }
    }

    @Test
    void theTrackingPixelDetectionFoundIsTakenOutOfTheBannerWrittenToTheMailbox() throws Exception {
        Tenant tenant = tenant();
        String subject = deliver(PHISH);

        await().atMost(WAIT).untilAsserted(() -> assertThat(markers(subject)).isEqualTo(1));
        MailItem item = item(tenant, subject);
        assertThat(verdicts.signals(
                        verdicts.current(tenant.getId(), item.getId()).orElseThrow()))
                .extracting(Signal::name)
                .contains("TRACKING_PIXEL");
        assertThat(readable(subject))
                .doesNotContain(PIXEL)
                .as("an ordinary image stays")
                .contains(LOGO);
    }

    @Test
    void anSmimeSignedMessageIsLeftUntouchedWithTheReasonRecorded() throws Exception {
        Tenant tenant = tenant();
        String subject = deliver(SIGNED_PHISH);

        await().atMost(WAIT)
                .until(() -> !bannerActions(tenant, subject).isEmpty()
                        && bannerActions(tenant, subject).stream().allMatch(a -> "SKIPPED".equals(a.get("status"))));
        MailItem item = item(tenant, subject);
        assertThat(bannerActions(tenant, subject))
                .singleElement()
                .satisfies(action ->
                        assertThat((String) action.get("last_error")).startsWith("message left untouched: SIGNED: "));
        assertThat(jdbc.queryForList(
                        "SELECT reason FROM audit_log WHERE tenant_id = ? AND action = 'banner.untouched'"
                                + " AND target = ?",
                        String.class,
                        tenant.getId(),
                        "mail_item:" + item.getId()))
                .singleElement()
                .asString()
                .startsWith("SIGNED: ");
        String inMailbox = new String(mimeInMailbox(subject), StandardCharsets.UTF_8);
        assertThat(inMailbox)
                .contains("multipart/signed")
                .doesNotContain("data-palisade-marker")
                .doesNotContain("PLSD1");
    }

    private String deliver(String template) {
        String subject = UUID.randomUUID().toString().substring(0, 8);
        byte[] mime = template.formatted(subject, UUID.randomUUID(), PHISH_HTML)
                .replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        SIM.control().deliver(simTenant().tenantId(), alice.id(), mime);
        return subject;
    }

    private List<Map<String, Object>> bannerActions(Tenant tenant, String subject) {
        List<MailItem> items = items(tenant, subject);
        if (items.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList(
                "SELECT status, last_error FROM actions WHERE tenant_id = ? AND mail_item_id = ? AND kind = 'BANNER'",
                tenant.getId(),
                items.getFirst().getId());
    }

    private MailItem item(Tenant tenant, String subject) {
        return items(tenant, subject).stream().findFirst().orElseThrow();
    }

    private List<MailItem> items(Tenant tenant, String subject) {
        return mailItems.findByTenantIdOrderByReceivedAtDesc(tenant.getId(), PageRequest.of(0, 200)).stream()
                .filter(i -> i.getSubject() != null && i.getSubject().contains(subject))
                .toList();
    }

    private int markers(String subject) {
        return (int) Pattern.compile("data-palisade-marker")
                .matcher(readable(subject))
                .results()
                .count();
    }

    private String readable(String subject) {
        return WebTests.readable(mimeInMailbox(subject));
    }

    private byte[] mimeInMailbox(String subject) {
        MailboxState.Message message = SIM.control().mailbox(simTenant().tenantId(), alice.id()).folders().stream()
                .flatMap(f -> f.messages().stream())
                .filter(m -> m.subject() != null && m.subject().contains(subject))
                .findFirst()
                .orElseThrow();
        return SIM.control().mime(simTenant().tenantId(), alice.id(), message.id());
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
