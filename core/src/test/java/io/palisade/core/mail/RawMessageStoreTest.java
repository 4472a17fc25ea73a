package io.palisade.core.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.MutableClock;
import io.palisade.core.TestFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest
class RawMessageStoreTest {

    private static final byte[] MIME = ("From: billing@fabrikam.test\r\nTo: alex@contoso.test\r\nSubject: Invoice\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                    + "Please pay the attached invoice.\r\n".repeat(200))
            .getBytes(StandardCharsets.UTF_8);

    @Autowired
    RawMessageStore store;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void storesTheMessageCompressedAndReturnsTheSameBytes() {
        MailItem item = fixtures.mailItem(fixtures.mailbox(fixtures.tenant().getId()), "<r1@x.test>");

        RawMessage stored = store.store(
                item.getTenantId(), item.getId(), MIME, clock.instant().plus(Duration.ofDays(30)));

        assertThat(store.load(item.getTenantId(), item.getId()))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(MIME));
        Integer compressedSize = jdbc.queryForObject(
                "SELECT length(content_gzip) FROM raw_messages WHERE mail_item_id = ?", Integer.class, item.getId());
        assertThat(compressedSize).isLessThan(MIME.length / 5);
        assertThat(stored.getSizeBytes()).isEqualTo(MIME.length);
        assertThat(stored.getSha256()).hasSize(64);
    }

    @Test
    void anotherTenantCannotLoadTheMessage() {
        MailItem item = fixtures.mailItem(fixtures.mailbox(fixtures.tenant().getId()), "<r2@x.test>");
        store.store(item.getTenantId(), item.getId(), MIME, clock.instant().plus(Duration.ofDays(30)));

        assertThat(store.load(fixtures.tenant().getId(), item.getId())).isEmpty();
    }

    @Test
    void aMessagePastItsRetentionIsNotReturnedAndIsPurged() {
        UUID tenant = fixtures.tenant().getId();
        MailItem expiring = fixtures.mailItem(fixtures.mailbox(tenant), "<r3@x.test>");
        MailItem kept = fixtures.mailItem(fixtures.mailbox(tenant), "<r4@x.test>");
        store.store(tenant, expiring.getId(), MIME, clock.instant().plus(Duration.ofHours(1)));
        store.store(tenant, kept.getId(), MIME, clock.instant().plus(Duration.ofDays(30)));

        clock.advance(Duration.ofHours(2));

        assertThat(store.load(tenant, expiring.getId())).isEmpty();
        assertThat(store.purgeExpired(tenant)).isEqualTo(1);
        assertThat(store.load(tenant, kept.getId())).isPresent();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM raw_messages WHERE tenant_id = ?", Integer.class, tenant))
                .isEqualTo(1);
    }

    @Test
    void storingAgainReplacesTheContent() {
        MailItem item = fixtures.mailItem(fixtures.mailbox(fixtures.tenant().getId()), "<r5@x.test>");
        store.store(item.getTenantId(), item.getId(), MIME, clock.instant().plus(Duration.ofDays(1)));

        byte[] rewritten = "Subject: with banner\r\n\r\nbody".getBytes(StandardCharsets.UTF_8);
        store.store(item.getTenantId(), item.getId(), rewritten, clock.instant().plus(Duration.ofDays(1)));

        assertThat(store.load(item.getTenantId(), item.getId()))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(rewritten));
    }
}
