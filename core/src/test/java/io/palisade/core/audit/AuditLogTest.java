package io.palisade.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.core.MutableClock;
import io.palisade.core.TestFixtures;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest
class AuditLogTest {

    @Autowired
    AuditLog audit;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void recordsWhoDidWhatToWhichTargetAndWhyNewestFirst() {
        UUID tenant = fixtures.tenant().getId();
        audit.record(tenant, "analyst:kim", "message.verdict", "mail_item:1", "user report confirmed");
        clock.advance(Duration.ofSeconds(1));
        audit.record(tenant, "analyst:kim", "message.quarantine", "mail_item:1", "verdict MALICIOUS");

        assertThat(audit.recent(tenant, PageRequest.of(0, 10)))
                .extracting(AuditEntry::getAction)
                .containsExactly("message.quarantine", "message.verdict");
        assertThat(audit.about(tenant, "mail_item:1").getFirst().getReason()).isEqualTo("verdict MALICIOUS");
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteAnEntry() {
        UUID tenant = fixtures.tenant().getId();
        AuditEntry entry = audit.record(tenant, "system:policy", "message.banner", "mail_item:2", null);

        assertThatThrownBy(() -> jdbc.update("UPDATE audit_log SET actor = 'someone else' WHERE id = ?", entry.getId()))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_log WHERE id = ?", entry.getId()))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE audit_log"))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThat(audit.about(tenant, "mail_item:2"))
                .singleElement()
                .satisfies(kept -> assertThat(kept.getActor()).isEqualTo("system:policy"));
    }

    @Test
    void anotherTenantSeesNoneOfTheEntries() {
        UUID tenant = fixtures.tenant().getId();
        UUID other = fixtures.tenant().getId();
        audit.record(tenant, "analyst:kim", "message.release", "mail_item:3", "false positive");

        assertThat(audit.recent(other, PageRequest.of(0, 10))).isEmpty();
        assertThat(audit.about(other, "mail_item:3")).isEmpty();
    }
}
