package io.palisade.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.events.InstanceIdentity;
import io.palisade.core.events.VerdictListener;
import io.palisade.core.events.VerdictNotifier;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.pipeline.AnalystVerdicts;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictChanged;
import io.palisade.detection.api.RiskLevel;
import io.palisade.lifecycle.LifecycleFixtures;
import io.palisade.lifecycle.RemoteVerdicts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two instances on one database: this context, and a second "instance" made of its own listener (its own
 * connection) and notifier with another identity.
 */
@LifecycleTest
class VerdictBridgeTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AnalystVerdicts analysts;

    @Autowired
    LifecycleFixtures fixtures;

    @Autowired
    VerdictListener localListener;

    @Autowired
    RemoteVerdicts local;

    final List<VerdictChanged> seenByOther = new CopyOnWriteArrayList<>();
    VerdictListener otherListener;
    VerdictNotifier otherNotifier;

    @BeforeEach
    void startTheOtherInstance() {
        InstanceIdentity other = new InstanceIdentity();
        otherListener = new VerdictListener(dataSource, event -> seenByOther.add((VerdictChanged) event), other);
        otherListener.start();
        otherNotifier = new VerdictNotifier(dataSource, other);
        await().atMost(Duration.ofSeconds(10)).until(() -> otherListener.isListening() && localListener.isListening());
    }

    @AfterEach
    void stopTheOtherInstance() {
        otherListener.stop();
    }

    @Test
    void anotherInstanceReceivesTheCommittedChangeAsRemoteAndTheSenderIgnoresItsOwn() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(1);
        String id = LifecycleFixtures.messageId();
        var copy = fixtures.deliver(mailboxes.getFirst(), "inbox", id, LifecycleFixtures.ordinary(id), Instant.now());
        UUID tenantId = mailboxes.getFirst().getTenantId();

        analysts.decide(tenantId, copy.mailItemId(), RiskLevel.HIGH, "analyst-a", "looks off");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> seenByOther.stream()
                        .anyMatch(e -> e.mailItemId().equals(copy.mailItemId()) && e.level() == RiskLevel.HIGH));
        VerdictChanged remote = seenByOther.stream()
                .filter(e -> e.mailItemId().equals(copy.mailItemId()) && e.level() == RiskLevel.HIGH)
                .findFirst()
                .orElseThrow();
        assertThat(remote.remote()).isTrue();
        assertThat(remote.tenantId()).isEqualTo(tenantId);
        assertThat(remote.cause()).isEqualTo(VerdictCause.ANALYST);
        assertThat(remote.causedBy()).isEqualTo("analyst-a");
        assertThat(local.remote()).noneMatch(e -> e.mailItemId().equals(copy.mailItemId()));
    }

    @Test
    void thisInstanceRepublishesAnotherInstancesChangeAsRemote() {
        UUID tenantId = UUID.randomUUID();
        UUID item = UUID.randomUUID();
        VerdictChanged change = new VerdictChanged(
                tenantId,
                item,
                3,
                RiskLevel.LOW,
                RiskLevel.MALICIOUS,
                100,
                VerdictCause.INDICATOR,
                "ind-1",
                Instant.now(),
                false);

        otherNotifier.send(List.of(change));

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        local.remote().stream().anyMatch(e -> e.mailItemId().equals(item)));
        assertThat(local.remote())
                .filteredOn(e -> e.mailItemId().equals(item))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e).isEqualTo(change.asRemote());
                });
        assertThat(seenByOther).noneMatch(e -> e.mailItemId().equals(item));
    }

    @Test
    void aRolledBackChangeIsNeverAnnounced() {
        List<Mailbox> mailboxes = fixtures.tenantWithMailboxes(1);
        String id = LifecycleFixtures.messageId();
        var copy = fixtures.deliver(mailboxes.getFirst(), "inbox", id, LifecycleFixtures.ordinary(id), Instant.now());
        UUID tenantId = mailboxes.getFirst().getTenantId();

        transactions.executeWithoutResult(status -> {
            analysts.decide(tenantId, copy.mailItemId(), RiskLevel.MALICIOUS, "analyst-a", "oops");
            status.setRollbackOnly();
        });

        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(seenByOther)
                .noneMatch(e -> e.mailItemId().equals(copy.mailItemId()) && e.level() == RiskLevel.MALICIOUS);
    }
}
