package io.palisade.web.banner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.banners.live.BannerSettings;
import io.palisade.banners.live.BannerStates;
import io.palisade.banners.live.LiveTokens;
import io.palisade.core.crypto.TenantKeys;
import io.palisade.core.events.InstanceIdentity;
import io.palisade.core.events.VerdictListener;
import io.palisade.core.events.VerdictNotifier;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictChanged;
import io.palisade.core.verdict.VerdictService;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Verdict;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The live page over HTTP against the running application and PostgreSQL: what it shows, how it follows verdict
 * changes over server-sent events, which tokens it accepts, and the feedback buttons.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RecordingFeedback.Config.class)
class LiveBannerPageTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    LiveTokens tokens;

    @Autowired
    BannerSettings settings;

    @Autowired
    RecordingFeedback feedback;

    @Autowired
    VerdictService verdicts;

    @Autowired
    BannerStates states;

    @Autowired
    JdbcTemplate jdbc;

    LiveFixtures fixtures;
    Tenant tenant;
    Mailbox mailbox;
    final HttpClient http =
            HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @BeforeEach
    void setUp() {
        fixtures = new LiveFixtures(context);
        tenant = fixtures.tenant("Fabrikam " + UUID.randomUUID());
        mailbox = fixtures.mailbox(tenant, "alice");
    }

    @Test
    void showsTheLevelAndReasonsInTheRecipientsLanguage() throws Exception {
        settings.saveLocale(tenant.getId(), mailbox.getId(), Locale.FRANCE);
        MailItem item = bannered(RiskLevel.HIGH);

        HttpResponse<String> page = get("/b/" + tokens.issue(tenant.getId(), item.getId()));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("lang=\"fr\"")
                .contains("Risque élevé")
                .contains("Le domaine de l’expéditeur imite contoso.com")
                .contains("Signaler ce message")
                .contains("Je fais confiance à cet expéditeur")
                .doesNotContain("High risk");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        csp -> assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void fallsBackToEnglishForALanguageWithoutWording() throws Exception {
        settings.saveLocale(tenant.getId(), mailbox.getId(), Locale.forLanguageTag("fi"));
        MailItem item = bannered(RiskLevel.SUSPICIOUS);

        String body = get("/b/" + tokens.issue(tenant.getId(), item.getId())).body();

        assertThat(body).contains("lang=\"en\"").contains("Warning").contains("domain imitates contoso.com");
    }

    @Test
    void pushesTheNewStateToAnOpenPageWhenTheVerdictChanges() throws Exception {
        MailItem item = bannered(RiskLevel.SUSPICIOUS);

        try (SseClient stream = events(tokens.issue(tenant.getId(), item.getId()))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.next(WAIT)).contains("\"level\":\"SUSPICIOUS\"");

            fixtures.verdict(item, RiskLevel.MALICIOUS, LiveFixtures.LOOKALIKE);

            assertThat(stream.nextChange("SUSPICIOUS", WAIT))
                    .contains("\"level\":\"MALICIOUS\"")
                    .contains("\"label\":\"Danger\"");
            fixtures.verdict(item, RiskLevel.CLEAN);
            assertThat(stream.nextChange("MALICIOUS", WAIT))
                    .contains("\"level\":\"CLEAN\"")
                    .contains("\"label\":\"Safe\"");
        }
    }

    @Test
    void pushesToThePagesOfEveryCopyOfTheMessage() throws Exception {
        String messageId = "<" + UUID.randomUUID() + "@contoso-payroll.com>";
        MailItem first = fixtures.item(mailbox, messageId);
        MailItem second = fixtures.item(fixtures.mailbox(tenant, "bob"), messageId);
        fixtures.verdict(first, RiskLevel.SUSPICIOUS, LiveFixtures.LOOKALIKE);
        fixtures.verdict(second, RiskLevel.SUSPICIOUS, LiveFixtures.LOOKALIKE);

        try (SseClient stream = events(tokens.issue(tenant.getId(), second.getId()))) {
            assertThat(stream.next(WAIT)).contains("SUSPICIOUS");

            fixtures.verdict(first, RiskLevel.HIGH, LiveFixtures.LOOKALIKE);

            assertThat(stream.nextChange("SUSPICIOUS", WAIT)).contains("\"level\":\"HIGH\"");
        }
    }

    @Test
    void aRecipientsTrustChangesOnlyTheirOwnCopysPage() throws Exception {
        String messageId = "<" + UUID.randomUUID() + "@contoso-payroll.com>";
        MailItem trusting = fixtures.item(mailbox, messageId);
        MailItem other = fixtures.item(fixtures.mailbox(tenant, "bob"), messageId);
        fixtures.verdict(trusting, RiskLevel.SUSPICIOUS, LiveFixtures.LOOKALIKE, LiveFixtures.FIRST_CONTACT);
        fixtures.verdict(other, RiskLevel.SUSPICIOUS, LiveFixtures.LOOKALIKE, LiveFixtures.FIRST_CONTACT);

        try (SseClient trustingPage = events(tokens.issue(tenant.getId(), trusting.getId()));
                SseClient otherPage = events(tokens.issue(tenant.getId(), other.getId()))) {
            assertThat(trustingPage.next(WAIT)).contains("SUSPICIOUS");
            assertThat(otherPage.next(WAIT)).contains("SUSPICIOUS");

            verdicts.record(
                    tenant.getId(),
                    trusting.getId(),
                    new Verdict(20, RiskLevel.LOW, List.of(LiveFixtures.LOOKALIKE), "test"),
                    VerdictCause.RECIPIENT_TRUST,
                    "trusted by recipient");

            assertThat(trustingPage.nextChange("SUSPICIOUS", WAIT)).contains("\"level\":\"LOW\"");
            fixtures.verdict(other, RiskLevel.HIGH, LiveFixtures.LOOKALIKE);
            // The other page's next change is the analyst-like HIGH: the trust pushed nothing there.
            assertThat(otherPage.nextChange("SUSPICIOUS", WAIT)).contains("\"level\":\"HIGH\"");
        }
        assertThat(get("/b/" + tokens.issue(tenant.getId(), other.getId())).body())
                .contains("High risk");
        assertThat(states.current(tenant.getId(), other.getId()).orElseThrow().level())
                .isEqualTo(RiskLevel.HIGH);
        assertThat(states.current(tenant.getId(), trusting.getId())
                        .orElseThrow()
                        .level())
                .as("a message-wide change after the trust is newer, so it applies to the trusting copy too")
                .isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void anOpenPageFollowsAChangeMadeOnAnotherInstance() throws Exception {
        MailItem item = bannered(RiskLevel.SUSPICIOUS);
        InstanceIdentity otherInstance = new InstanceIdentity();
        VerdictNotifier otherNotifier = new VerdictNotifier(context.getBean(DataSource.class), otherInstance);
        await().atMost(WAIT).until(() -> context.getBean(VerdictListener.class).isListening());

        try (SseClient stream = events(tokens.issue(tenant.getId(), item.getId()))) {
            assertThat(stream.next(WAIT)).contains("\"level\":\"SUSPICIOUS\"");

            // The other instance commits the version in the shared database, then announces it; nothing happens in
            // this instance's process but the notification.
            Instant at = Instant.now();
            jdbc.update(
                    "INSERT INTO verdicts (id, tenant_id, mail_item_id, version, score, level, signals, engine_version,"
                            + " cause, caused_by, created_at)"
                            + " SELECT ?, tenant_id, mail_item_id, version + 1, 100, 'MALICIOUS', signals,"
                            + " engine_version, 'ANALYST', 'analyst-b', ? FROM verdicts"
                            + " WHERE tenant_id = ? AND mail_item_id = ? ORDER BY version DESC LIMIT 1",
                    UUID.randomUUID(),
                    Timestamp.from(at),
                    tenant.getId(),
                    item.getId());
            otherNotifier.send(List.of(new VerdictChanged(
                    tenant.getId(),
                    item.getId(),
                    2,
                    RiskLevel.SUSPICIOUS,
                    RiskLevel.MALICIOUS,
                    100,
                    VerdictCause.ANALYST,
                    "analyst-b",
                    at,
                    false)));

            assertThat(stream.nextChange("SUSPICIOUS", WAIT))
                    .contains("\"level\":\"MALICIOUS\"")
                    .contains("\"label\":\"Danger\"");
        }
    }

    @Test
    void neverPushesAnotherTenantsChange() throws Exception {
        String sharedMessageId = "<" + UUID.randomUUID() + "@contoso-payroll.com>";
        Tenant other = fixtures.tenant("Northwind " + UUID.randomUUID());
        MailItem theirs = fixtures.item(fixtures.mailbox(other, "carol"), sharedMessageId);
        MailItem ours = fixtures.item(mailbox, sharedMessageId);
        fixtures.verdict(theirs, RiskLevel.SUSPICIOUS, LiveFixtures.LOOKALIKE);
        fixtures.verdict(ours, RiskLevel.SUSPICIOUS, LiveFixtures.LOOKALIKE);

        try (SseClient stream = events(tokens.issue(tenant.getId(), ours.getId()))) {
            assertThat(stream.next(WAIT)).contains("SUSPICIOUS");

            fixtures.verdict(theirs, RiskLevel.MALICIOUS, LiveFixtures.LOOKALIKE);
            fixtures.verdict(ours, RiskLevel.LOW, LiveFixtures.FIRST_CONTACT);

            // Ours is the next event: the other tenant's copy of the same message pushed nothing here.
            assertThat(stream.nextChange("SUSPICIOUS", WAIT)).contains("\"level\":\"LOW\"");
        }
    }

    @Test
    void refusesForgedMovedAndExpiredTokens() throws Exception {
        MailItem item = bannered(RiskLevel.HIGH);
        MailItem otherItem = bannered(RiskLevel.HIGH);
        String genuine = tokens.issue(tenant.getId(), item.getId());
        String flipped = genuine.substring(0, genuine.length() - 2) + (genuine.endsWith("AA") ? "BB" : "AA");
        String moved = moveTo(genuine, tokens.issue(tenant.getId(), otherItem.getId()));
        LiveTokens pastTokens = new LiveTokens(
                context.getBean(TenantKeys.class),
                context.getBean(TenantService.class),
                Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC),
                Duration.ofDays(1));
        String expired = pastTokens.issue(tenant.getId(), item.getId());

        assertThat(get("/b/" + genuine).statusCode()).isEqualTo(200);
        for (String bad : new String[] {flipped, moved, expired, "not-a-token", genuine + "x"}) {
            HttpResponse<String> page = get("/b/" + bad);
            assertThat(page.statusCode()).as(bad).isEqualTo(404);
            assertThat(page.body()).contains("invalid or has expired");
            assertThat(get("/b/" + bad + "/events").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void reportButtonNeedsTheCsrfTokenAndTellsRecipientFeedbackWhoReported() throws Exception {
        MailItem item = bannered(RiskLevel.HIGH);
        String token = tokens.issue(tenant.getId(), item.getId());

        assertThat(post("/b/" + token + "/report", null, "application/json").statusCode())
                .isEqualTo(403);
        assertThat(feedback.calls).noneMatch(call -> call.mailItemId().equals(item.getId()));

        String csrf = csrfOf(get("/b/" + token).body());
        HttpResponse<String> reported = post("/b/" + token + "/report", csrf, "application/json");
        HttpResponse<String> trusted = post("/b/" + token + "/trust", csrf, "application/json");

        assertThat(reported.statusCode()).isEqualTo(200);
        assertThat(reported.body()).contains("Your report was sent to your security team");
        assertThat(trusted.statusCode()).isEqualTo(200);
        assertThat(feedback.calls)
                .filteredOn(call -> call.mailItemId().equals(item.getId()))
                .containsExactly(
                        new RecordingFeedback.Call("report", tenant.getId(), item.getId(), mailbox.getAddress()),
                        new RecordingFeedback.Call("trust", tenant.getId(), item.getId(), mailbox.getAddress()));
    }

    @Test
    void aPlainFormPostWithoutScriptsComesBackToThePageWithThanks() throws Exception {
        MailItem item = bannered(RiskLevel.HIGH);
        String token = tokens.issue(tenant.getId(), item.getId());
        String csrf = csrfOf(get("/b/" + token).body());

        HttpRequest form = HttpRequest.newBuilder(uri("/b/" + token + "/trust"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf))
                .build();
        HttpResponse<String> answer = http.send(form, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).hasValue("/b/" + token + "?done=trust");
        assertThat(get("/b/" + token + "?done=trust").body()).contains("take your trust in this sender");
    }

    @Test
    void onlyThePageRoutesUnderBAreOpenAndTheRestStaysClosed() throws Exception {
        MailItem item = bannered(RiskLevel.HIGH);
        String token = tokens.issue(tenant.getId(), item.getId());

        assertThat(get("/b/assets/live.js").statusCode()).isEqualTo(200);
        assertThat(get("/b/assets/live.css").statusCode()).isEqualTo(200);
        assertThat(get("/b/" + token + "/anything").statusCode()).isEqualTo(403);
        assertThat(get("/b/a/b/c").statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/messages").statusCode()).isEqualTo(401);
    }

    private MailItem bannered(RiskLevel level) {
        MailItem item = fixtures.item(mailbox, "<" + UUID.randomUUID() + "@contoso-payroll.com>");
        fixtures.verdict(item, level, LiveFixtures.LOOKALIKE, LiveFixtures.FIRST_CONTACT);
        return item;
    }

    /** The genuine token's MAC on another item's payload: a link moved to a message it was not issued for. */
    private static String moveTo(String genuine, String other) {
        byte[] payload = Base64.getUrlDecoder().decode(other.substring(0, 54));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + genuine.substring(54);
    }

    private static String csrfOf(String page) {
        Matcher matcher = CSRF.matcher(page);
        assertThat(matcher.find()).as("the page carries a CSRF token").isTrue();
        return matcher.group(1);
    }

    private SseClient events(String token) throws IOException, InterruptedException {
        return SseClient.open(http, uri("/b/" + token + "/events"));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String csrf, String accept)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(path)).header("Accept", accept).POST(HttpRequest.BodyPublishers.noBody());
        if (csrf != null) {
            request.header("X-CSRF-TOKEN", csrf);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
