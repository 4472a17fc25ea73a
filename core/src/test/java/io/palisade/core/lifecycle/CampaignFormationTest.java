package io.palisade.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.campaign.Campaign;
import io.palisade.core.campaign.CampaignService;
import io.palisade.core.campaign.MemberReason;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.lifecycle.LifecycleFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
