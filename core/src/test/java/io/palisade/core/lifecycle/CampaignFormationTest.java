package io.palisade.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.palisade.core.campaign.Campaign;
import io.palisade.core.campaign.CampaignService;
import io.palisade.core.campaign.MemberReason;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.lifecycle.LifecycleFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@LifecycleTest
class CampaignFormationTest {

    static final String VARIANT = """
            From: "Billing" <accounts@fabrikam-invoices.example>
            To: staff@contoso.example
            Subject: Your invoice %s for December
            Message-ID: <%s>
            Date: Thu, 03 Dec 2026 10:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Hello, your invoice for December is ready. You can read it at
            https://invoices.fabrikam-invoices.example/view/%s
            Kind regards, the billing team
            """;

    static final String UNRELATED = """
            From: "Billing" <billing@fabrikam-invoices.example>
            To: staff@contoso.example
            Subject: Office closed on Friday
            Message-ID: <%s>
            Date: Thu, 03 Dec 2026 10:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Our office is closed on Friday for the regional holiday; the support line stays open as usual
            and we answer mail again from Monday morning. Have a good weekend.
            """;

    static final String SHARED_LINK = """
            From: "Docs" <share@other-sender.example>
            To: staff@contoso.example
            Subject: A document was shared with you
            Message-ID: <%s>
            Date: Thu, 03 Dec 2026 10:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Open the document: https://invoices.fabrikam-invoices.example/view/%s
            """;

    @Autowired
    LifecycleFixtures fixtures;

    @Autowired
    CampaignService campaigns;

    @Test
    void gathersCopiesNearDuplicatesAndMailSharingAUrlButNotUnrelatedMailFromTheSameSender() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(4);
        List<Mailbox> otherTenant = fixtures.tenantWithMailboxes(1);
        String id = LifecycleFixtures.messageId();
        String token = id.substring(0, 8);
        List<LifecycleFixtures.Copy> copies = fixtures.deliverToAll(mailboxes.subList(0, 2), id);
        UUID nearDuplicate = deliver(mailboxes.get(2), VARIANT.formatted("INV-77", "v-" + id, "other" + token));
        UUID unrelated = deliver(mailboxes.get(3), UNRELATED.formatted("u-" + id));
        UUID sharing = deliver(mailboxes.get(3), SHARED_LINK.formatted("s-" + id, token));
        UUID foreign = deliver(otherTenant.getFirst(), LifecycleFixtures.ORDINARY.formatted(token, id, token));

        Campaign campaign = campaigns.formAround(
                mailboxes.getFirst().getTenantId(), copies.getFirst().mailItemId());

        assertThat(campaign.members())
                .extracting(Campaign.Member::mailItemId, Campaign.Member::reason)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(copies.get(0).mailItemId(), MemberReason.SEED),
                        org.assertj.core.groups.Tuple.tuple(copies.get(1).mailItemId(), MemberReason.COPY),
                        org.assertj.core.groups.Tuple.tuple(nearDuplicate, MemberReason.NEAR_DUPLICATE),
                        org.assertj.core.groups.Tuple.tuple(sharing, MemberReason.SHARED_URL));
        assertThat(campaign.mailItemIds()).doesNotContain(unrelated, foreign).hasSize(4);
        assertThat(campaigns
                        .formAround(
                                mailboxes.getFirst().getTenantId(),
                                copies.getFirst().mailItemId())
                        .id())
                .isEqualTo(campaign.id());
    }

    static final String LURE = "Your mailbox storage is 98 percent full. Messages sent to you after 24 hours will be"
            + " returned to their senders. Confirm your account at the storage portal within 2 days to keep"
            + " receiving mail; ticket 55120.";

    @Test
    void gathersNearDuplicatesFromRotatingSenderDomainsSentThroughTheSeedsInfrastructure() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(6);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        UUID seed = deliver(
                mailboxes.get(0),
                mail(
                        "it@rotate-one.com",
                        "Return-Path: <b-12@rotate-one.com>\n" + sentFrom("198.51.100.23", "rotate-one.com"),
                        LURE));
        UUID sameIp = deliver(
                mailboxes.get(1), mail("it@rotate-two.net", sentFrom("198.51.100.23", "rotate-two.net"), renumbered()));
        UUID sameSigner = deliver(
                mailboxes.get(2), mail("it@rotate-three.org", sentFrom("192.0.2.61", "rotate-one.com"), renumbered()));
        UUID sameBounce = deliver(
                mailboxes.get(3), mail("it@rotate-four.info", "Return-Path: <b-77@rotate-one.com>\n", renumbered()));
        UUID elsewhere = deliver(
                mailboxes.get(4), mail("it@unrelated-five.com", sentFrom("192.0.2.99", "unrelated-five.com"), LURE));

        Campaign campaign = campaigns.formAround(tenantId, seed);

        assertThat(campaign.members())
                .extracting(Campaign.Member::mailItemId, Campaign.Member::reason)
                .containsExactlyInAnyOrder(
                        tuple(seed, MemberReason.SEED),
                        tuple(sameIp, MemberReason.SAME_INFRASTRUCTURE),
                        tuple(sameSigner, MemberReason.SAME_INFRASTRUCTURE),
                        tuple(sameBounce, MemberReason.SAME_INFRASTRUCTURE));
        assertThat(campaign.mailItemIds()).doesNotContain(elsewhere);

        UUID late = deliver(
                mailboxes.get(5), mail("it@rotate-six.biz", sentFrom("198.51.100.23", "rotate-six.biz"), renumbered()));
        UUID lateElsewhere = deliver(
                mailboxes.get(5), mail("it@unrelated-seven.com", sentFrom("192.0.2.98", "unrelated-seven.com"), LURE));

        Campaign grown = campaigns.find(tenantId, campaign.id()).orElseThrow();
        assertThat(grown.members())
                .extracting(Campaign.Member::mailItemId, Campaign.Member::reason)
                .contains(tuple(late, MemberReason.SAME_INFRASTRUCTURE));
        assertThat(grown.mailItemIds()).doesNotContain(lateElsewhere);
    }

    @Test
    void neverGroupsUnrelatedNewslettersSentThroughTheSameBigSendingService() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(3);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        String service =
                "Return-Path: <bounces+4411@mailer-service.net>\n" + sentFrom("198.51.100.200", "mailer-service.net");
        UUID bakery = deliver(
                mailboxes.get(0),
                mail(
                        "news@corner-bakery.com",
                        service,
                        "This week at the bakery: sourdough classes on Saturday, a new rye loaf, and our winter"
                                + " opening hours. Order your holiday cakes before the 20th."));
        UUID bikes = deliver(
                mailboxes.get(1),
                mail(
                        "hello@city-bikes.com",
                        service,
                        "Spring service season is here: book a tune-up, see the new commuter frames, and join the"
                                + " Sunday group ride from the harbour at nine."));

        Campaign campaign = campaigns.formAround(tenantId, bakery);

        assertThat(campaign.mailItemIds()).containsExactly(bakery);
        UUID laterBikes = deliver(
                mailboxes.get(2),
                mail(
                        "hello@city-bikes.com",
                        service,
                        "Last call for the winter sale: lights, locks and gloves at half price until Sunday."));
        assertThat(campaigns.find(tenantId, campaign.id()).orElseThrow().mailItemIds())
                .doesNotContain(bikes, laterBikes);
    }

    @Test
    void gathersMailSharingAnAttachmentButNotMailWithAnotherFile() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(4);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        byte[] payload = "the bytes of one shared remittance file".getBytes(StandardCharsets.UTF_8);
        UUID seed = deliver(
                mailboxes.get(0), withAttachment("ap@first-sender.com", "Remittance advice attached.", payload));
        UUID sharing = deliver(
                mailboxes.get(1),
                withAttachment("payroll@second-sender.net", "Please review the payroll change form.", payload));
        UUID otherFile = deliver(
                mailboxes.get(2),
                withAttachment(
                        "office@fourth-sender.com",
                        "The signed lease is attached for your records.",
                        "another file".getBytes(StandardCharsets.UTF_8)));

        Campaign campaign = campaigns.formAround(tenantId, seed);

        assertThat(campaign.members())
                .extracting(Campaign.Member::mailItemId, Campaign.Member::reason)
                .containsExactlyInAnyOrder(tuple(seed, MemberReason.SEED), tuple(sharing, MemberReason.SHARED_FILE));
        assertThat(campaign.mailItemIds()).doesNotContain(otherFile);

        UUID late = deliver(
                mailboxes.get(3), withAttachment("hr@third-sender.org", "Updated handbook for review.", payload));

        assertThat(campaigns.find(tenantId, campaign.id()).orElseThrow().members())
                .extracting(Campaign.Member::mailItemId, Campaign.Member::reason)
                .contains(tuple(late, MemberReason.SHARED_FILE));
    }

    /** The platform's Authentication-Results header: the sending IP, and a DKIM signature of that domain passed. */
    private static String sentFrom(String ip, String signingDomain) {
        return "Authentication-Results: mx.microsoft.com; spf=pass (sender IP is " + ip + ") smtp.mailfrom="
                + signingDomain + "; dkim=pass header.d=" + signingDomain + "\n";
    }

    /** The lure with other numbers: digits are folded, so the text is the same for the fingerprint. */
    private static String renumbered() {
        return LURE.replace("98", "97").replace("55120", "61877");
    }

    private static String mail(String from, String headers, String body) {
        return headers + """
                From: <%s>
                To: staff@contoso.example
                Subject: Mailbox storage notice
                Message-ID: <%s>
                Date: Thu, 03 Dec 2026 10:00:00 +0000
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                %s
                """.formatted(from, LifecycleFixtures.messageId(), body);
    }

    private static String withAttachment(String from, String body, byte[] content) {
        return """
                From: <%s>
                To: staff@contoso.example
                Subject: Documents
                Message-ID: <%s>
                Date: Thu, 03 Dec 2026 10:00:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/plain; charset=utf-8

                %s
                --b1
                Content-Type: application/octet-stream; name="advice.bin"
                Content-Disposition: attachment; filename="advice.bin"
                Content-Transfer-Encoding: base64

                %s
                --b1--
                """.formatted(
                from, LifecycleFixtures.messageId(), body, Base64.getEncoder().encodeToString(content));
    }

    private UUID deliver(Mailbox mailbox, String template) {
        byte[] mime = template.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        String messageId = template.lines()
                .filter(l -> l.startsWith("Message-ID: <"))
                .findFirst()
                .orElseThrow()
                .replace("Message-ID: <", "")
                .replace(">", "");
        return fixtures.deliver(mailbox, "inbox", messageId, mime, Instant.now())
                .mailItemId();
    }
}
