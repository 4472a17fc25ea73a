package io.palisade.core.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.core.TestFixtures;
import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;

@SpringBootTest
class MailRepositoriesTest {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    MailItemRepository mailItems;

    @Autowired
    MailIndicatorRepository indicators;

    @Test
    void storesAMailItemWithItsRecipientsAndFindsItByProviderId() {
        Mailbox mailbox = fixtures.mailbox(fixtures.tenant().getId());
        MailItem item = fixtures.mailItem(mailbox, "<a1@fabrikam.test>");

        MailItem found = mailItems
                .findByTenantIdAndMailboxIdAndProviderMessageId(
                        mailbox.getTenantId(), mailbox.getId(), item.getProviderMessageId())
                .orElseThrow();

        assertThat(found.getId()).isEqualTo(item.getId());
        assertThat(found.getRecipients()).containsExactly(mailbox.getAddress());
        assertThat(found.getProvider()).isEqualTo(Provider.M365);
        assertThat(found.getFolder()).isEqualTo("inbox");
    }

    @Test
    void findsEveryCopyOfAMessageInTheTenantAndNoneOfAnotherTenant() {
        UUID tenant = fixtures.tenant().getId();
        UUID otherTenant = fixtures.tenant().getId();
        MailItem first = fixtures.mailItem(fixtures.mailbox(tenant), "<campaign@evil.test>");
        MailItem second = fixtures.mailItem(fixtures.mailbox(tenant), "<campaign@evil.test>");
        MailItem foreign = fixtures.mailItem(fixtures.mailbox(otherTenant), "<campaign@evil.test>");

        List<MailItem> copies = mailItems.findByTenantIdAndInternetMessageId(tenant, "<campaign@evil.test>");

        assertThat(copies).extracting(MailItem::getId).containsExactlyInAnyOrder(first.getId(), second.getId());
        assertThat(mailItems.findByTenantIdAndId(tenant, foreign.getId())).isEmpty();
        assertThat(mailItems.findByTenantIdAndId(otherTenant, foreign.getId())).isPresent();
    }

    @Test
    void listsRecentMailNewestFirstWithinTheTenant() {
        UUID tenant = fixtures.tenant().getId();
        Mailbox mailbox = fixtures.mailbox(tenant);
        MailItem older = mailItems.save(item(mailbox, Instant.parse("2026-01-01T10:00:00Z")));
        MailItem newer = mailItems.save(item(mailbox, Instant.parse("2026-01-02T10:00:00Z")));
        fixtures.mailItem(fixtures.mailbox(fixtures.tenant().getId()), "<x@y.test>");

        List<MailItem> recent = mailItems.findByTenantIdOrderByReceivedAtDesc(tenant, PageRequest.of(0, 10));

        assertThat(recent).extracting(MailItem::getId).containsExactly(newer.getId(), older.getId());
    }

    @Test
    void aMoveRecordsTheNewProviderIdAndFolder() {
        MailItem item = fixtures.mailItem(fixtures.mailbox(fixtures.tenant().getId()), "<m@x.test>");

        item.movedTo("AAMk-moved", "palisade-quarantine");
        mailItems.save(item);

        MailItem reloaded =
                mailItems.findByTenantIdAndId(item.getTenantId(), item.getId()).orElseThrow();
        assertThat(reloaded.getProviderMessageId()).isEqualTo("AAMk-moved");
        assertThat(reloaded.getFolder()).isEqualTo("palisade-quarantine");
    }

    @Test
    void theDatabaseRefusesAMailItemInAnotherTenantsMailbox() {
        Mailbox mailbox = fixtures.mailbox(fixtures.tenant().getId());
        UUID intruder = fixtures.tenant().getId();

        MailItem crossing = new MailItem(
                intruder,
                mailbox.getId(),
                Provider.M365,
                "AAMk-1",
                null,
                null,
                null,
                List.of(),
                null,
                Instant.now(),
                null,
                Instant.now());

        assertThatThrownBy(() -> mailItems.save(crossing)).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void mailboxesAreFoundByProviderIdWithinTheirTenantOnly() {
        Mailbox mailbox = fixtures.mailbox(fixtures.tenant().getId());
        UUID other = fixtures.tenant().getId();

        assertThat(mailboxes.findByTenantIdAndProviderAndProviderMailboxId(
                        mailbox.getTenantId(), Provider.M365, mailbox.getProviderMailboxId()))
                .isPresent();
        assertThat(mailboxes.findByTenantIdAndProviderAndProviderMailboxId(
                        other, Provider.M365, mailbox.getProviderMailboxId()))
                .isEmpty();
        assertThat(mailboxes.findByTenantIdAndId(other, mailbox.getId())).isEmpty();
        assertThat(mailboxes.countByTenantIdAndStatus(mailbox.getTenantId(), MailboxStatus.ACTIVE))
                .isEqualTo(1);
    }

    @Test
    void theIndicatorIndexFindsEveryCarrierInTheTenantOnly() {
        UUID tenant = fixtures.tenant().getId();
        UUID otherTenant = fixtures.tenant().getId();
        MailItem carrier = fixtures.mailItem(fixtures.mailbox(tenant), "<1@x.test>");
        MailItem clean = fixtures.mailItem(fixtures.mailbox(tenant), "<2@x.test>");
        MailItem foreign = fixtures.mailItem(fixtures.mailbox(otherTenant), "<3@x.test>");
        indicators.save(new MailIndicator(tenant, carrier.getId(), IndicatorKind.DOMAIN, "evil.test"));
        indicators.save(new MailIndicator(tenant, carrier.getId(), IndicatorKind.URL, "https://evil.test/login"));
        indicators.save(new MailIndicator(tenant, clean.getId(), IndicatorKind.DOMAIN, "contoso.test"));
        indicators.save(new MailIndicator(otherTenant, foreign.getId(), IndicatorKind.DOMAIN, "evil.test"));

        assertThat(indicators.findMailItemIds(tenant, IndicatorKind.DOMAIN, "evil.test"))
                .containsExactly(carrier.getId());
        assertThat(indicators.findMailItemIds(tenant, IndicatorKind.URL, "evil.test"))
                .isEmpty();
        assertThat(indicators.findByTenantIdAndMailItemId(tenant, carrier.getId()))
                .extracting(MailIndicator::getKind)
                .containsExactlyInAnyOrder(IndicatorKind.DOMAIN, IndicatorKind.URL);
        assertThat(indicators.findByTenantIdAndMailItemId(otherTenant, carrier.getId()))
                .isEmpty();
    }

    private static MailItem item(Mailbox mailbox, Instant receivedAt) {
        return new MailItem(
                mailbox.getTenantId(),
                mailbox.getId(),
                Provider.M365,
                "AAMk-" + UUID.randomUUID(),
                null,
                "<" + UUID.randomUUID() + "@x.test>",
                "a@b.test",
                List.of(),
                "s",
                receivedAt,
                "inbox",
                receivedAt);
    }
}
