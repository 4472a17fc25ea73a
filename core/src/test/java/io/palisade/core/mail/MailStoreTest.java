package io.palisade.core.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.core.TestFixtures;
import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.Mailbox;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class MailStoreTest {

    @Autowired
    MailStore store;

    @Autowired
    MailIndicatorRepository indicators;

    @Autowired
    TestFixtures fixtures;

    @Test
    void storingTheSameMessageTwiceKeepsTheFirstRowAndIndicators() {
        Mailbox mailbox = fixtures.mailbox(fixtures.tenant().getId());
        MailItem first = store.storeIfAbsent(
                item(mailbox, "AAMk-1"),
                List.of(
                        new Indicator(IndicatorKind.DOMAIN, "Evil.TEST "),
                        new Indicator(IndicatorKind.DOMAIN, "evil.test")));

        MailItem second =
                store.storeIfAbsent(item(mailbox, "AAMk-1"), List.of(new Indicator(IndicatorKind.SENDER, "x@y.test")));

        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(indicators.findByTenantIdAndMailItemId(mailbox.getTenantId(), first.getId()))
                .extracting(MailIndicator::getKind, MailIndicator::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(IndicatorKind.DOMAIN, "evil.test"));
    }

    @Test
    void findsTheCarriersOfAnIndicatorInTheTenantOnly() {
        Mailbox mailbox = fixtures.mailbox(fixtures.tenant().getId());
        Mailbox foreign = fixtures.mailbox(fixtures.tenant().getId());
        Indicator hash = new Indicator(IndicatorKind.FILE_HASH, "AB".repeat(32));
        MailItem carrier = store.storeIfAbsent(item(mailbox, "AAMk-2"), List.of(hash));
        store.storeIfAbsent(item(mailbox, "AAMk-3"), List.of(new Indicator(IndicatorKind.FILE_HASH, "cd".repeat(32))));
        store.storeIfAbsent(item(foreign, "AAMk-4"), List.of(hash));

        assertThat(store.carriersOf(mailbox.getTenantId(), new Indicator(IndicatorKind.FILE_HASH, "ab".repeat(32))))
                .extracting(MailItem::getId)
                .containsExactly(carrier.getId());
        assertThat(store.carriersOf(mailbox.getTenantId(), new Indicator(IndicatorKind.URL, "https://nowhere.test")))
                .isEmpty();
    }

    @Test
    void anIndicatorNeedsAValue() {
        assertThatThrownBy(() -> new Indicator(IndicatorKind.URL, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("URL");
    }

    private static MailItem item(Mailbox mailbox, String providerId) {
        Instant now = Instant.now();
        return new MailItem(
                mailbox.getTenantId(),
                mailbox.getId(),
                Provider.M365,
                providerId,
                null,
                "<" + UUID.randomUUID() + "@x.test>",
                "a@b.test",
                List.of(),
                "s",
                now,
                "inbox",
                now);
    }
}
