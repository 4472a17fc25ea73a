package io.palisade.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.chat.ChatFile;
import io.palisade.core.chat.ChatFileScans;
import io.palisade.core.chat.ChatItemStore;
import io.palisade.core.chat.ChatLifecycle;
import io.palisade.core.chat.ChatMessageFacts;
import io.palisade.core.chat.ChatVerdictChanged;
import io.palisade.core.connector.Provider;
import io.palisade.core.events.InstanceIdentity;
import io.palisade.core.events.VerdictListener;
import io.palisade.core.events.VerdictNotifications;
import io.palisade.core.events.VerdictNotifier;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.pipeline.AnalystVerdicts;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictChanged;
import io.palisade.detection.api.RiskLevel;
import io.palisade.lifecycle.LifecycleFixtures;
import io.palisade.lifecycle.RemoteVerdicts;
import java.nio.charset.StandardCharsets;
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
 * connection) and notifier with another identity. Mail items' and chat items' verdict changes share the bridge. A
 * check that something did not arrive waits first for a later notification: NOTIFY delivers in commit order.
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

    @Autowired
    VerdictNotifier localNotifier;

    @Autowired
    ChatLifecycle chats;

    @Autowired
    ChatFileScans scans;

    @Autowired
    ChatItemStore chatItems;

    final List<VerdictChanged> seenByOther = new CopyOnWriteArrayList<>();
    final List<ChatVerdictChanged> chatsSeenByOther = new CopyOnWriteArrayList<>();
    VerdictListener otherListener;
    VerdictNotifier otherNotifier;

    @BeforeEach
    void startTheOtherInstance() {
        InstanceIdentity other = new InstanceIdentity();
        otherListener = new VerdictListener(
                dataSource,
                event -> {
                    switch (event) {
                        case VerdictChanged mail -> seenByOther.add(mail);
                        case ChatVerdictChanged chat -> chatsSeenByOther.add(chat);
                        default -> throw new IllegalStateException("unexpected event " + event);
                    }
                },
                other);
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
        everyEarlierNotificationReachedThisInstance();
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
        everyEarlierNotificationReachedTheOtherInstance();
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

        // A change committed after the rolled-back one reaches the other instance; NOTIFY keeps the commit order.
        analysts.decide(tenantId, copy.mailItemId(), RiskLevel.HIGH, "analyst-a", "looks off");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> seenByOther.stream()
                        .anyMatch(e -> e.mailItemId().equals(copy.mailItemId()) && e.level() == RiskLevel.HIGH));
        assertThat(seenByOther)
                .filteredOn(e -> e.mailItemId().equals(copy.mailItemId()) && e.cause() == VerdictCause.ANALYST)
                .extracting(VerdictChanged::level)
                .containsExactly(RiskLevel.HIGH);
    }

    @Test
    void aChatItemsVerdictChangeIsPublishedAfterCommitAndReachesTheOtherInstanceAsRemote() {
        UUID tenantId = fixtures.tenantWithMailboxes(1).getFirst().getTenantId();
        UUID chatItem = postChatFile(tenantId);

        transactions.executeWithoutResult(status -> {
            chats.decide(tenantId, chatItem, RiskLevel.HIGH, "analyst-a", "lure");
            assertThat(local.chats(chatItem)).as("nothing before the commit").hasSize(1);
        });

        assertThat(local.chats(chatItem))
                .extracting(ChatVerdictChanged::version)
                .containsExactly(1, 2);
        assertThat(local.chats(chatItem).getLast()).satisfies(e -> {
            assertThat(e.chatItemId()).isEqualTo(chatItem);
            assertThat(e.tenantId()).isEqualTo(tenantId);
            assertThat(e.version()).isEqualTo(2);
            assertThat(e.previousLevel()).isLessThan(RiskLevel.SUSPICIOUS);
            assertThat(e.level()).isEqualTo(RiskLevel.HIGH);
            assertThat(e.cause()).isEqualTo(VerdictCause.ANALYST);
            assertThat(e.remote()).isFalse();
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        chatsSeenByOther.stream().anyMatch(e -> e.chatItemId().equals(chatItem) && e.version() == 2));
        ChatVerdictChanged remote = chatsSeenByOther.stream()
                .filter(e -> e.chatItemId().equals(chatItem) && e.version() == 2)
                .findFirst()
                .orElseThrow();
        assertThat(remote).isEqualTo(local.chats(chatItem).getLast().asRemote());
        assertThat(seenByOther).noneMatch(e -> e.mailItemId().equals(chatItem));
    }

    @Test
    void thisInstanceRepublishesAnotherInstancesChatChangeAsRemoteAndARolledBackOneIsNeverAnnounced() {
        UUID tenantId = fixtures.tenantWithMailboxes(1).getFirst().getTenantId();
        UUID chatItem = postChatFile(tenantId);
        ChatVerdictChanged change = new ChatVerdictChanged(
                tenantId,
                UUID.randomUUID(),
                4,
                RiskLevel.HIGH,
                RiskLevel.CLEAN,
                VerdictCause.ANALYST,
                Instant.now(),
                false);

        transactions.executeWithoutResult(status -> {
            chats.decide(tenantId, chatItem, RiskLevel.MALICIOUS, "analyst-a", "oops");
            status.setRollbackOnly();
        });
        otherNotifier.send(List.of(change));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !local.chats(change.chatItemId()).isEmpty());
        assertThat(local.chats(change.chatItemId())).containsExactly(change.asRemote());
        assertThat(local.chats(chatItem))
                .extracting(ChatVerdictChanged::version)
                .containsExactly(1);
        everyEarlierNotificationReachedTheOtherInstance();
        assertThat(chatsSeenByOther).noneMatch(e -> e.chatItemId().equals(chatItem) && e.version() == 2);
    }

    @Test
    void aChatChangeFitsInANotificationAndDecodesToTheSameChangeSeenAsRemote() {
        ChatVerdictChanged change = new ChatVerdictChanged(
                UUID.randomUUID(),
                UUID.randomUUID(),
                Integer.MAX_VALUE,
                RiskLevel.SUSPICIOUS,
                RiskLevel.MALICIOUS,
                VerdictCause.RECIPIENT_TRUST,
                Instant.now(),
                false);

        String payload = VerdictNotifications.encode("instance-" + UUID.randomUUID(), change);

        assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThan(8000);
        assertThat(VerdictNotifications.decode(payload))
                .get()
                .extracting(VerdictNotifications.Notification::change)
                .isEqualTo(change.asRemote());
    }

    /** A notification this instance sends now reaches the other after every earlier one. */
    private void everyEarlierNotificationReachedTheOtherInstance() {
        UUID marker = UUID.randomUUID();
        localNotifier.send(List.of(marker(marker)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> seenByOther.stream().anyMatch(e -> e.mailItemId().equals(marker)));
    }

    /** A notification the other instance sends now reaches this one after every earlier one. */
    private void everyEarlierNotificationReachedThisInstance() {
        UUID marker = UUID.randomUUID();
        otherNotifier.send(List.of(marker(marker)));
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        local.remote().stream().anyMatch(e -> e.mailItemId().equals(marker)));
    }

    private static VerdictChanged marker(UUID item) {
        return new VerdictChanged(
                UUID.randomUUID(), item, 1, null, RiskLevel.CLEAN, 0, VerdictCause.SCAN, null, Instant.now(), false);
    }

    /** One chat message with one clean file, scanned and recorded as the connector does; returns its chat item. */
    private UUID postChatFile(UUID tenantId) {
        String chat = "19:bridge@thread.v2";
        String message = UUID.randomUUID().toString();
        byte[] agenda =
                ("Agenda: budget review on Thursday, room 4. " + message + "\n").getBytes(StandardCharsets.UTF_8);
        ChatFile file =
                new ChatFile(tenantId, chat, message, "attachment:agenda.txt", "agenda.txt", "alice@contoso.example");
        Instant posted = Instant.now();
        chats.record(
                new ChatMessageFacts(
                        tenantId, Provider.M365, chat, message, "alice@contoso.example", 1, posted, posted),
                List.of(scans.scan(file, agenda)));
        return chatItems.find(tenantId, chat, message).orElseThrow().id();
    }
}
