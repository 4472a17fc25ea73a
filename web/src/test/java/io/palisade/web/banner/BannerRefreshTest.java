package io.palisade.web.banner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.tenant.Tenant;
import io.palisade.m365.graph.GraphTrust;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.simulator.SimulatorConfig;
import io.palisade.simulator.control.MailboxState;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import io.palisade.web.WebTests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every copy of a message follows its verdict in the mailboxes: over HTTP and the real Graph SDK against the
 * simulator, a phishing message delivered to two mailboxes gets a banner in both, each linking to its live page;
 * an analyst's CLEAN on one copy removes the banner from both, and HIGH on the other brings it back in both, never
 * stacked, with each copy's new provider id recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class BannerRefreshTest {

    @RegisterExtension
    static final SimulatorExtension SIM =
            new SimulatorExtension(SimulatorConfig.defaults().withHttpNotificationUrls(true));

    static final int PORT = WebTests.freePort();
    static final Duration WAIT = Duration.ofSeconds(60);
    static final Pattern LIVE_LINK = Pattern.compile("href=\"(http://localhost:\\d+/b/[A-Za-z0-9_.-]+)\"");
    static SimTenant simTenant;
    static SimMailbox alice;
    static SimMailbox bob;

    static final String PHISH = """
            From: "Payroll Team" <payroll.team.dept@gmail.com>
            To: alice@contoso.example, bob@contoso.example
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
    MailItemRepository mailItems;

    @Autowired
    JdbcTemplate jdbc;

    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void pointAtTheSimulator(DynamicPropertyRegistry registry) {
        WebTests.pointAtSimulator(registry, PORT, SIM, BannerRefreshTest::simTenant);
    }

    @Test
    void everyCopysBannerFollowsTheVerdictDownToCleanAndBackUp() throws Exception {
        Tenant tenant = onboarding.onboard(simTenant().tenantId(), "Contoso");
        String subject = UUID.randomUUID().toString().substring(0, 8);
        byte[] mime = PHISH.formatted(subject, UUID.randomUUID())
                .replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        SIM.control().deliver(simTenant().tenantId(), alice.id(), mime);
        SIM.control().deliver(simTenant().tenantId(), bob.id(), mime);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(markers(alice, subject)).isEqualTo(1);
            assertThat(markers(bob, subject)).isEqualTo(1);
        });
        String link = liveLink(alice, subject);
        assertThat(get(link).body()).contains("Why you see this warning");
        List<MailItem> copies = items(tenant, subject);
        assertThat(copies).hasSize(2);

        decide(copies.get(0), "CLEAN");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(markers(alice, subject)).isZero();
            assertThat(markers(bob, subject)).isZero();
        });
        assertThat(get(link).body()).contains("Safe").contains("found no risk");

        Timestamp raisedAt = Timestamp.from(Instant.now());
        decide(copies.get(1), "HIGH");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(markers(alice, subject)).isEqualTo(1);
            assertThat(markers(bob, subject)).isEqualTo(1);
            assertThat(readable(alice, subject))
                    .contains("aria-label=\"High risk")
                    .doesNotContain("aria-label=\"Warning");
        });
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(items(tenant, subject))
                        .extracting(MailItem::getProviderMessageId)
                        .containsExactlyInAnyOrder(
                                messageInMailbox(alice, subject).id(),
                                messageInMailbox(bob, subject).id()));
        // The policy's banner action of the analyst's own transaction covers each copy; the refresh adds none.
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(unfinishedBannerWork(tenant)).isZero());
        assertThat(bannerWritesSince(tenant, raisedAt)).containsOnly(1).hasSize(2);
    }

    private int unfinishedBannerWork(Tenant tenant) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM work_items WHERE tenant_id = ? AND state IN ('READY', 'CLAIMED')"
                        + " AND kind IN ('banners.refresh', 'core.action')",
                Integer.class,
                tenant.getId());
    }

    private List<Integer> bannerWritesSince(Tenant tenant, Timestamp since) {
        return jdbc.queryForList(
                "SELECT count(*) FROM actions WHERE tenant_id = ? AND kind = 'BANNER' AND created_at >= ?"
                        + " GROUP BY mail_item_id",
                Integer.class,
                tenant.getId(),
                since);
    }

    private void decide(MailItem item, String level) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + PORT + "/api/v1/messages/" + item.getId() + "/verdict"))
                .header("Content-Type", "application/json")
                .header("Authorization", WebTests.ADMIN_BASIC_AUTH)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"level\":\"" + level + "\",\"reason\":\"checked with the sender\"}"))
                .build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(202);
    }

    private List<MailItem> items(Tenant tenant, String subject) {
        return mailItems.findByTenantIdOrderByReceivedAtDesc(tenant.getId(), PageRequest.of(0, 200)).stream()
                .filter(i -> i.getSubject() != null && i.getSubject().contains(subject))
                .toList();
    }

    private int markers(SimMailbox mailbox, String subject) throws IOException {
        String html = rawMime(mailbox, subject);
        return (int)
                Pattern.compile("data-palisade-marker").matcher(html).results().count();
    }

    private String liveLink(SimMailbox mailbox, String subject) throws IOException {
        Matcher matcher = LIVE_LINK.matcher(readable(mailbox, subject));
        assertThat(matcher.find()).as("the banner links to its live page").isTrue();
        return matcher.group(1);
    }

    private String rawMime(SimMailbox mailbox, String subject) throws IOException {
        return readable(mailbox, subject);
    }

    private MailboxState.Message messageInMailbox(SimMailbox mailbox, String subject) {
        return SIM.control().mailbox(simTenant().tenantId(), mailbox.id()).folders().stream()
                .flatMap(f -> f.messages().stream())
                .filter(m -> m.subject() != null && m.subject().contains(subject))
                .findFirst()
                .orElseThrow();
    }

    /** The message as a reader sees it: subject and every text part, transfer encodings undone. */
    private String readable(SimMailbox mailbox, String subject) {
        byte[] mime = SIM.control()
                .mime(
                        simTenant().tenantId(),
                        mailbox.id(),
                        messageInMailbox(mailbox, subject).id());
        return WebTests.readable(mime);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static synchronized SimTenant simTenant() {
        if (simTenant == null) {
            simTenant = SIM.control().createTenant("contoso.example");
            alice = SIM.control().createMailbox(simTenant.tenantId(), "alice", "Alice Morgan");
            bob = SIM.control().createMailbox(simTenant.tenantId(), "bob", "Bob Lee");
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
