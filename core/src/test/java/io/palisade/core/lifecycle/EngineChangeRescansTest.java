package io.palisade.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.reevaluation.EngineChangeRescans;
import io.palisade.core.reevaluation.RescanHandler;
import io.palisade.detection.engine.DefaultScanner;
import io.palisade.lifecycle.LifecycleFixtures;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A new engine, rule pack or detection configuration re-scans each tenant's recent mail once, and only then. */
@LifecycleTest
class EngineChangeRescansTest {

    @Autowired
    LifecycleFixtures fixtures;

    @Autowired
    EngineChangeRescans engineChanges;

    @Autowired
    DefaultScanner scanner;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aTenantScannedByAnotherEngineHasItsRecentMailRescannedOnceWithTheNewVersionAsReason() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(2);
        UUID tenantId = mailboxes.getFirst().getTenantId();
        deliver(mailboxes.get(0));
        deliver(mailboxes.get(1));
        recordVersion(tenantId, "engine=0 rules=older config=1.1");

        int scheduled = engineChanges.check(tenantId);
        int again = engineChanges.check(tenantId);

        assertThat(scheduled).isEqualTo(2);
        assertThat(again).as("the change is acted on once").isZero();
        assertThat(rescanReasons(tenantId))
                .hasSize(2)
                .allSatisfy(reason -> assertThat(reason).isEqualTo("engine changed: " + scanner.engineVersion()));
        assertThat(recordedVersion(tenantId)).isEqualTo(scanner.engineVersion());
    }

    @Test
    void theRunningEngineOrATenantSeenForTheFirstTimeRescansNothing() {
        Mailbox current = fixtures.tenantWithMailboxes(1).getFirst();
        Mailbox connectedSince = fixtures.tenantWithMailboxes(1).getFirst();
        deliver(current);
        deliver(connectedSince);
        recordVersion(current.getTenantId(), scanner.engineVersion());

        assertThat(engineChanges.check(current.getTenantId())).isZero();
        assertThat(engineChanges.check(connectedSince.getTenantId())).isZero();

        assertThat(rescanReasons(current.getTenantId())).isEmpty();
        assertThat(rescanReasons(connectedSince.getTenantId())).isEmpty();
        assertThat(recordedVersion(connectedSince.getTenantId())).isEqualTo(scanner.engineVersion());
    }

    @Test
    void oneTenantsEngineChangeRescansNoOtherTenantsMail() {
        Mailbox changed = fixtures.tenantWithMailboxes(1).getFirst();
        Mailbox other = fixtures.tenantWithMailboxes(1).getFirst();
        deliver(changed);
        deliver(other);
        recordVersion(changed.getTenantId(), "engine=0 rules=older config=1.1");
        recordVersion(other.getTenantId(), scanner.engineVersion());

        engineChanges.check(changed.getTenantId());
        engineChanges.check(other.getTenantId());

        assertThat(rescanReasons(changed.getTenantId())).hasSize(1);
        assertThat(rescanReasons(other.getTenantId())).isEmpty();
    }

    private void deliver(Mailbox mailbox) {
        String id = LifecycleFixtures.messageId();
        fixtures.deliver(
                mailbox,
                "inbox",
                id,
                LifecycleFixtures.ordinary(id),
                Instant.now().minusSeconds(600));
    }

    private void recordVersion(UUID tenantId, String version) {
        jdbc.update(
                "INSERT INTO tenant_engine_versions (tenant_id, engine_version, updated_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (tenant_id) DO UPDATE SET engine_version = EXCLUDED.engine_version",
                tenantId,
                version,
                Timestamp.from(Instant.now()));
    }

    private String recordedVersion(UUID tenantId) {
        return jdbc.queryForObject(
                "SELECT engine_version FROM tenant_engine_versions WHERE tenant_id = ?", String.class, tenantId);
    }

    private List<String> rescanReasons(UUID tenantId) {
        return jdbc.queryForList(
                "SELECT payload->>'reason' FROM work_items WHERE tenant_id = ? AND kind = ?",
                String.class,
                tenantId,
                RescanHandler.KIND);
    }
}
