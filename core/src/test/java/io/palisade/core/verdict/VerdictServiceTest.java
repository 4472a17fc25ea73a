package io.palisade.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.core.MutableClock;
import io.palisade.core.TestFixtures;
import io.palisade.core.mail.MailItem;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest
class VerdictServiceTest {

    private static final Signal LOOKALIKE =
            new Signal("LOOKALIKE_DOMAIN", "sender", 40, "The sender's domain imitates contoso.com", "c0ntoso.com");
    private static final Verdict SUSPICIOUS = new Verdict(55, RiskLevel.SUSPICIOUS, List.of(LOOKALIKE), "engine-1");
    private static final Verdict MALICIOUS = new Verdict(100, RiskLevel.MALICIOUS, List.of(), "engine-1");

    @Autowired
    VerdictService verdicts;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aChangedVerdictIsANewVersionAndTheHighestIsCurrent() {
        MailItem item = fixtures.mailItem(fixtures.mailbox(fixtures.tenant().getId()), "<v1@x.test>");
        UUID tenant = item.getTenantId();

        verdicts.record(tenant, item.getId(), SUSPICIOUS, VerdictCause.SCAN, null);
        clock.advance(Duration.ofMinutes(5));
        verdicts.record(tenant, item.getId(), MALICIOUS, VerdictCause.ANALYST, "analyst:kim");

        VerdictVersion current = verdicts.current(tenant, item.getId()).orElseThrow();
        assertThat(current.getVersion()).isEqualTo(2);
        assertThat(current.getLevel()).isEqualTo(RiskLevel.MALICIOUS);
        assertThat(current.getCausedBy()).isEqualTo("analyst:kim");
        assertThat(verdicts.history(tenant, item.getId()))
                .extracting(VerdictVersion::getVersion, VerdictVersion::getLevel, VerdictVersion::getCause)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, RiskLevel.SUSPICIOUS, VerdictCause.SCAN),
                        org.assertj.core.groups.Tuple.tuple(2, RiskLevel.MALICIOUS, VerdictCause.ANALYST));
    }

    @Test
    void signalsAreStoredAsJsonAndReadBackWhole() {
        MailItem item = fixtures.mailItem(fixtures.mailbox(fixtures.tenant().getId()), "<v2@x.test>");

        VerdictVersion stored = verdicts.record(item.getTenantId(), item.getId(), SUSPICIOUS, VerdictCause.SCAN, null);

        assertThat(verdicts.signals(stored)).containsExactly(LOOKALIKE);
        String name = jdbc.queryForObject(
                "SELECT signals -> 0 ->> 'name' FROM verdicts WHERE id = ?", String.class, stored.getId());
        assertThat(name).isEqualTo("LOOKALIKE_DOMAIN");
        assertThat(stored.getEngineVersion()).isEqualTo("engine-1");
    }

    @Test
    void theDatabaseRefusesToOverwriteAVerdict() {
        MailItem item = fixtures.mailItem(fixtures.mailbox(fixtures.tenant().getId()), "<v3@x.test>");
        VerdictVersion stored = verdicts.record(item.getTenantId(), item.getId(), SUSPICIOUS, VerdictCause.SCAN, null);

        assertThatThrownBy(() -> jdbc.update("UPDATE verdicts SET level = 'CLEAN' WHERE id = ?", stored.getId()))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("verdicts are a history");
    }

    @Test
    void anotherTenantCanNeitherReadNorWriteTheItemsVerdicts() {
        MailItem item = fixtures.mailItem(fixtures.mailbox(fixtures.tenant().getId()), "<v4@x.test>");
        verdicts.record(item.getTenantId(), item.getId(), SUSPICIOUS, VerdictCause.SCAN, null);
        UUID other = fixtures.tenant().getId();

        assertThat(verdicts.current(other, item.getId())).isEmpty();
        assertThat(verdicts.history(other, item.getId())).isEmpty();
        assertThat(verdicts.currentOf(other, List.of(item.getId()))).isEmpty();
        assertThatThrownBy(() -> verdicts.record(other, item.getId(), MALICIOUS, VerdictCause.ANALYST, "x"))
                .isInstanceOf(NoSuchElementException.class);
        assertThat(verdicts.current(item.getTenantId(), item.getId())
                        .orElseThrow()
                        .getLevel())
                .isEqualTo(RiskLevel.SUSPICIOUS);
    }

    @Test
    void currentVerdictsOfSeveralItemsGiveOnePerItem() {
        UUID tenant = fixtures.tenant().getId();
        MailItem first = fixtures.mailItem(fixtures.mailbox(tenant), "<v5@x.test>");
        MailItem second = fixtures.mailItem(fixtures.mailbox(tenant), "<v6@x.test>");
        MailItem unscanned = fixtures.mailItem(fixtures.mailbox(tenant), "<v7@x.test>");
        verdicts.record(tenant, first.getId(), SUSPICIOUS, VerdictCause.SCAN, null);
        verdicts.record(tenant, first.getId(), MALICIOUS, VerdictCause.INDICATOR, "ioc:42");
        verdicts.record(tenant, second.getId(), SUSPICIOUS, VerdictCause.SCAN, null);

        List<VerdictVersion> current =
                verdicts.currentOf(tenant, List.of(first.getId(), second.getId(), unscanned.getId()));

        assertThat(current)
                .extracting(VerdictVersion::getMailItemId, VerdictVersion::getLevel)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(first.getId(), RiskLevel.MALICIOUS),
                        org.assertj.core.groups.Tuple.tuple(second.getId(), RiskLevel.SUSPICIOUS));
    }
}
