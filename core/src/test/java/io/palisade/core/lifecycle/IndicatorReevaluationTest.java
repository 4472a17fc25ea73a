package io.palisade.core.lifecycle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.audit.AuditLog;
import io.palisade.core.clawback.ClawbackDiscovery;
import io.palisade.core.intel.IndicatorReevaluation;
import io.palisade.core.intel.IntelKind;
import io.palisade.core.intel.IntelService;
import io.palisade.core.intel.NewIndicator;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.pipeline.AnalystVerdicts;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.lifecycle.LifecycleFixtures;
import io.palisade.lifecycle.LifecyclePlatform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@LifecycleTest
class IndicatorReevaluationTest {

    @Autowired
    LifecycleFixtures fixtures;

    @Autowired
    LifecyclePlatform platform;

    @Autowired
    IntelService intel;

    @Autowired
    VerdictService verdicts;

    @Autowired
    AnalystVerdicts analysts;

    @Autowired
    AuditLog audit;

    @Test
    void aNewIndicatorClawsBackMailDeliveredAnHourEarlierAndNothingCrossesTenants() {
        String id = LifecycleFixtures.messageId();
        List<Mailbox> contoso = fixtures.tenantWithMailboxes(3);
        List<Mailbox> fabrikam = fixtures.tenantWithMailboxes(2);
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        List<LifecycleFixtures.Copy> hit = deliver(contoso, id, anHourAgo);
        List<LifecycleFixtures.Copy> untouched = deliver(fabrikam, id, anHourAgo);
        UUID tenantId = contoso.getFirst().getTenantId();
        UUID otherTenant = fabrikam.getFirst().getTenantId();

        IntelService.Added added = intel.add(
                tenantId, new NewIndicator(IntelKind.URL, url(id), "feed:phishtank-style", 90, null), "analyst-a");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> hit.stream()
                        .allMatch(
                                c -> "quarantine".equals(platform.byKey(c.key()).folder())));
        fixtures.awaitWorkDone(tenantId, IndicatorReevaluation.KIND, 1);
        fixtures.awaitWorkDone(tenantId, ClawbackDiscovery.KIND, 1);
        for (LifecycleFixtures.Copy copy : hit) {
            VerdictVersion current =
                    verdicts.current(tenantId, copy.mailItemId()).orElseThrow();
            assertThat(current.getLevel()).isEqualTo(RiskLevel.MALICIOUS);
            assertThat(current.getCause()).isEqualTo(VerdictCause.INDICATOR);
            assertThat(current.getCausedBy()).isEqualTo(added.id().toString());
            assertThat(current.getVersion()).isEqualTo(2);
        }
        for (LifecycleFixtures.Copy copy : untouched) {
            assertThat(verdicts.history(otherTenant, copy.mailItemId())).hasSize(1);
            assertThat(platform.byKey(copy.key()).folder()).isEqualTo("inbox");
        }
    }

    @Test
    void anIndicatorLeavesAnAnalystsCleanVerdictAloneAndAuditsTheMatch() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(2);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        String id = LifecycleFixtures.messageId();
        List<LifecycleFixtures.Copy> copies = deliver(mailboxes, id, Instant.now());
        analysts.decide(tenantId, copies.getFirst().mailItemId(), RiskLevel.CLEAN, "analyst-a", "known vendor");

        IntelService.Added added =
                intel.add(tenantId, new NewIndicator(IntelKind.URL, url(id), "feed", 95, null), "analyst-b");

        String target = "indicator:" + added.id();
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        audit.about(tenantId, target).stream().anyMatch(e -> "verdict.kept".equals(e.getAction())));
        for (LifecycleFixtures.Copy copy : copies) {
            VerdictVersion current =
                    verdicts.current(tenantId, copy.mailItemId()).orElseThrow();
            assertThat(current.getCause()).isEqualTo(VerdictCause.ANALYST);
            assertThat(current.getLevel()).isEqualTo(RiskLevel.CLEAN);
            assertThat(platform.byKey(copy.key()).folder()).isEqualTo("inbox");
        }
    }

    @Test
    void anIndicatorLeavesMailThatDoesNotCarryItAndMailPastTheRetentionWindowAlone() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(2);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        String carrier = LifecycleFixtures.messageId();
        String other = LifecycleFixtures.messageId();
        LifecycleFixtures.Copy old = fixtures.deliver(
                mailboxes.get(0),
                "inbox",
                carrier,
                LifecycleFixtures.ordinary(carrier),
                Instant.now().minus(Duration.ofDays(40)));
        LifecycleFixtures.Copy unrelated =
                fixtures.deliver(mailboxes.get(1), "inbox", other, LifecycleFixtures.ordinary(other), Instant.now());

        intel.add(tenantId, new NewIndicator(IntelKind.URL, url(carrier), "feed", 95, null), "analyst-a");
        intel.add(tenantId, new NewIndicator(IntelKind.DOMAIN, "unrelated-phish.example", "feed", 95, null), "a");

        fixtures.awaitWorkDone(tenantId, IndicatorReevaluation.KIND, 2);
        assertThat(verdicts.history(tenantId, old.mailItemId())).hasSize(1);
        assertThat(verdicts.history(tenantId, unrelated.mailItemId())).hasSize(1);
    }

    @Test
    void aLowConfidenceIndicatorRaisesTheVerdictWithoutQuarantining() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(1);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        String id = LifecycleFixtures.messageId();
        LifecycleFixtures.Copy copy = deliver(mailboxes, id, Instant.now()).getFirst();

        intel.add(tenantId, new NewIndicator(IntelKind.URL, url(id), "community list", 40, null), "analyst-a");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> verdicts.history(tenantId, copy.mailItemId()).size() == 2);
        assertThat(verdicts.current(tenantId, copy.mailItemId()).orElseThrow().getLevel())
                .isEqualTo(RiskLevel.SUSPICIOUS);
        assertThat(platform.byKey(copy.key()).folder()).isEqualTo("inbox");
    }

    @Test
    void newMailCarryingAKnownSenderIsFlaggedByThePrefilter() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(1);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        intel.add(
                tenantId,
                new NewIndicator(IntelKind.SENDER, "Billing@Fabrikam-Invoices.example", "analyst", 95, null),
                "analyst-a");
        String id = LifecycleFixtures.messageId();

        LifecycleFixtures.Copy copy = deliver(mailboxes, id, Instant.now()).getFirst();

        VerdictVersion verdict = verdicts.current(tenantId, copy.mailItemId()).orElseThrow();
        assertThat(verdicts.signals(verdict)).extracting(Signal::name).contains("THREAT_INTEL_MATCH");
        assertThat(verdict.getLevel()).isGreaterThanOrEqualTo(RiskLevel.HIGH);
    }

    @Test
    void anExpiredIndicatorNeitherFlagsNewMailNorReevaluates() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(1);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        intel.add(
                tenantId,
                new NewIndicator(
                        IntelKind.DOMAIN,
                        "fabrikam-invoices.example",
                        "old feed",
                        95,
                        Instant.now().minusSeconds(60)),
                "analyst-a");
        String id = LifecycleFixtures.messageId();

        LifecycleFixtures.Copy copy = deliver(mailboxes, id, Instant.now()).getFirst();

        VerdictVersion verdict = verdicts.current(tenantId, copy.mailItemId()).orElseThrow();
        assertThat(verdicts.signals(verdict)).extracting(Signal::name).doesNotContain("THREAT_INTEL_MATCH");
        assertThat(verdict.getLevel()).isLessThan(RiskLevel.SUSPICIOUS);
    }

    @Test
    void aSenderIndicatorFindsStoredMailByItsFromOrReplyToAddressButNotAnotherAddressOfTheDomain() {
        Mailbox mailbox = fixtures.tenantWithMailboxes(1).getFirst();
        UUID from = deliver(mailbox, mail("cash@drop-payments.com", ""));
        UUID replyTo = deliver(mailbox, mail("ap@partner-supplies.com", "Reply-To: cash@drop-payments.com\n"));
        UUID sameDomain = deliver(mailbox, mail("news@drop-payments.com", ""));

        UUID indicator = add(mailbox, IntelKind.SENDER, "Cash@Drop-Payments.com");

        assertRaisedBy(mailbox, indicator, from, replyTo);
        assertUntouched(mailbox, sameDomain);
    }

    @Test
    void aParentDomainIndicatorFindsASubdomainSenderAndLinkButNotADomainThatOnlyEndsWithTheSameLetters() {
        Mailbox mailbox = fixtures.tenantWithMailboxes(1).getFirst();
        UUID subdomainSender = deliver(mailbox, mail("notice@mail.billing-fabrikam.com", ""));
        UUID subdomainLink = deliver(
                mailbox,
                mail("ap@partner-supplies.com", "", "Pay at https://portal.eu.billing-fabrikam.com/pay/4471 today."));
        UUID sameEnding = deliver(mailbox, mail("notice@evilbilling-fabrikam.com", ""));
        UUID sameEndingLink = deliver(
                mailbox, mail("ap@partner-supplies.com", "", "Pay at https://portal.notbilling-fabrikam.com/pay/1."));

        UUID indicator = add(mailbox, IntelKind.DOMAIN, "billing-fabrikam.com");

        assertRaisedBy(mailbox, indicator, subdomainSender, subdomainLink);
        assertUntouched(mailbox, sameEnding, sameEndingLink);
    }

    @Test
    void aSha256IndicatorFindsStoredMailByItsAttachmentButNotByAnotherFile() {
        Mailbox mailbox = fixtures.tenantWithMailboxes(1).getFirst();
        byte[] payload = "quarterly figures, only the bytes of the reported file".getBytes(UTF_8);
        UUID carrier = deliver(mailbox, withAttachment("invoice.bin", "application/octet-stream", payload));
        UUID other = deliver(
                mailbox, withAttachment("invoice.bin", "application/octet-stream", "other bytes".getBytes(UTF_8)));

        UUID indicator = add(mailbox, IntelKind.SHA256, sha256(payload));

        assertRaisedBy(mailbox, indicator, carrier);
        assertUntouched(mailbox, other);
    }

    @Test
    void aUrlIndicatorFindsALinkInsideAnAttachedPdfButNotAnotherLinkOfTheSameSite() {
        Mailbox mailbox = fixtures.tenantWithMailboxes(1).getFirst();
        String reported = "https://docs.fabrikam-sign.com/sign/8812";
        UUID carrier = deliver(mailbox, withAttachment("contract.pdf", "application/pdf", pdfLinkingTo(reported)));
        UUID other = deliver(
                mailbox,
                withAttachment(
                        "contract.pdf", "application/pdf", pdfLinkingTo("https://docs.fabrikam-sign.com/sign/1")));

        UUID indicator = add(mailbox, IntelKind.URL, reported);

        assertRaisedBy(mailbox, indicator, carrier);
        assertUntouched(mailbox, other);
    }

    @Test
    void anIpIndicatorFindsTheSendingIpThePlatformRecordedAndLinksToThatIpButNotForgedOrOtherAddresses() {
        Mailbox mailbox = fixtures.tenantWithMailboxes(1).getFirst();
        UUID sentFrom = deliver(
                mailbox,
                mail(
                        "ap@partner-supplies.com",
                        "Authentication-Results: mx.microsoft.com; spf=pass (sender IP is 203.0.113.77)"
                                + " smtp.mailfrom=partner-supplies.com\n"));
        UUID linking = deliver(
                mailbox, mail("ap@partner-supplies.com", "", "Sign in at http://203.0.113.77/portal/login now."));
        UUID forged = deliver(
                mailbox,
                mail(
                        "ap@partner-supplies.com",
                        "Authentication-Results: mx.attacker-relay.com; spf=pass (sender IP is 203.0.113.77)\n"));
        UUID otherIp = deliver(
                mailbox,
                mail(
                        "ap@partner-supplies.com",
                        "Authentication-Results: mx.microsoft.com; spf=pass (sender IP is 203.0.113.7)\n",
                        "Sign in at http://203.0.113.7/portal/login now."));

        UUID indicator = add(mailbox, IntelKind.IP, "203.0.113.77");

        assertRaisedBy(mailbox, indicator, sentFrom, linking);
        assertUntouched(mailbox, forged, otherIp);
    }

    private UUID add(Mailbox mailbox, IntelKind kind, String value) {
        return intel.add(mailbox.getTenantId(), new NewIndicator(kind, value, "feed", 90, null), "analyst-a")
                .id();
    }

    /** Waits until every carrier has the indicator's version: one work item re-evaluates all of them at once. */
    private void assertRaisedBy(Mailbox mailbox, UUID indicator, UUID... carriers) {
        UUID tenantId = mailbox.getTenantId();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> List.of(carriers).stream()
                        .allMatch(id -> verdicts.current(tenantId, id)
                                .map(v -> v.getCause() == VerdictCause.INDICATOR)
                                .orElse(false)));
        for (UUID carrier : carriers) {
            VerdictVersion current = verdicts.current(tenantId, carrier).orElseThrow();
            assertThat(current.getCausedBy()).isEqualTo(indicator.toString());
            assertThat(current.getLevel()).isEqualTo(RiskLevel.MALICIOUS);
        }
    }

    private void assertUntouched(Mailbox mailbox, UUID... others) {
        for (UUID other : others) {
            assertThat(verdicts.history(mailbox.getTenantId(), other))
                    .extracting(VerdictVersion::getCause)
                    .containsExactly(VerdictCause.SCAN);
        }
    }

    private UUID deliver(Mailbox mailbox, String mime) {
        String id = mime.lines()
                .filter(line -> line.startsWith("Message-ID: <"))
                .findFirst()
                .orElseThrow()
                .replaceAll("Message-ID: <(.*)>", "$1");
        return fixtures.deliver(mailbox, "inbox", id, mime.replace("\n", "\r\n").getBytes(UTF_8), Instant.now())
                .mailItemId();
    }

    private static String mail(String from, String headers) {
        return mail(from, headers, "Hello, the statement for this month is ready; nothing to do on your side.");
    }

    private static String mail(String from, String headers, String body) {
        return headers + """
                From: <%s>
                To: staff@contoso.example
                Subject: Statement for this month
                Message-ID: <%s>
                Date: Thu, 03 Dec 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                %s
                """.formatted(from, LifecycleFixtures.messageId(), body);
    }

    private static String withAttachment(String name, String type, byte[] content) {
        return """
                From: <ap@partner-supplies.com>
                To: staff@contoso.example
                Subject: Documents for this month
                Message-ID: <%s>
                Date: Thu, 03 Dec 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/plain; charset=utf-8

                The documents for this month are attached.
                --b1
                Content-Type: %s; name="%s"
                Content-Disposition: attachment; filename="%s"
                Content-Transfer-Encoding: base64

                %s
                --b1--
                """.formatted(
                        LifecycleFixtures.messageId(),
                        type,
                        name,
                        name,
                        Base64.getMimeEncoder().encodeToString(content).replace("\r\n", "\n"));
    }

    private static byte[] pdfLinkingTo(String url) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDAnnotationLink link = new PDAnnotationLink();
            link.setRectangle(new PDRectangle(72, 700, 200, 20));
            PDActionURI action = new PDActionURI();
            action.setURI(url);
            link.setAction(action);
            page.getAnnotations().add(link);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<LifecycleFixtures.Copy> deliver(List<Mailbox> mailboxes, String id, Instant receivedAt) {
        List<LifecycleFixtures.Copy> copies = new ArrayList<>();
        for (Mailbox mailbox : mailboxes) {
            copies.add(fixtures.deliver(mailbox, "inbox", id, LifecycleFixtures.ordinary(id), receivedAt));
        }
        return copies;
    }

    private static String url(String internetMessageId) {
        return "https://invoices.fabrikam-invoices.example/view/" + internetMessageId.substring(0, 8);
    }
}
