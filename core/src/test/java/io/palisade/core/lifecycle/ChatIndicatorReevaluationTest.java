package io.palisade.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.action.ActionKind;
import io.palisade.core.chat.ChatAction;
import io.palisade.core.chat.ChatActions;
import io.palisade.core.chat.ChatFile;
import io.palisade.core.chat.ChatFileScans;
import io.palisade.core.chat.ChatItemStore;
import io.palisade.core.chat.ChatLifecycle;
import io.palisade.core.chat.ChatMessageFacts;
import io.palisade.core.chat.ChatVerdictVersion;
import io.palisade.core.chat.ChatVerdicts;
import io.palisade.core.connector.Provider;
import io.palisade.core.intel.IndicatorReevaluation;
import io.palisade.core.intel.IntelKind;
import io.palisade.core.intel.IntelService;
import io.palisade.core.intel.NewIndicator;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.detection.api.RiskLevel;
import io.palisade.lifecycle.LifecycleFixtures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A new indicator reaches the chat messages that carry it (a shared file's hash, the sender), in its tenant only. */
@LifecycleTest
class ChatIndicatorReevaluationTest {

    static final String CHAT = "19:indicators@thread.v2";

    @Autowired
    LifecycleFixtures fixtures;

    @Autowired
    IntelService intel;

    @Autowired
    ChatLifecycle chats;

    @Autowired
    ChatFileScans scans;

    @Autowired
    ChatVerdicts verdicts;

    @Autowired
    ChatActions actions;

    @Autowired
    ChatItemStore items;

    @Test
    void aFileHashIndicatorRaisesAndHidesTheChatMessagesSharingThatFileAndNothingElse() throws Exception {
        UUID tenantId = fixtures.tenantWithMailboxes(1).getFirst().getTenantId();
        UUID otherTenant = fixtures.tenantWithMailboxes(1).getFirst().getTenantId();
        byte[] invoice =
                ("Invoice 4471, please settle by Friday " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] agenda = "Agenda: budget review on Thursday, room 4.\n".getBytes(StandardCharsets.UTF_8);
        UUID carrier = post(tenantId, "alice@contoso.example", "invoice.txt", invoice);
        UUID unrelated = post(tenantId, "alice@contoso.example", "agenda.txt", agenda);
        UUID elsewhere = post(otherTenant, "alice@contoso.example", "invoice.txt", invoice);
        assertThat(current(tenantId, carrier).level()).isLessThan(RiskLevel.SUSPICIOUS);

        IntelService.Added added = intel.add(
                tenantId, new NewIndicator(IntelKind.SHA256, sha256(invoice), "feed:hashes", 90, null), "analyst-a");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> current(tenantId, carrier).level() == RiskLevel.MALICIOUS);
        ChatVerdictVersion raised = current(tenantId, carrier);
        assertThat(raised.cause()).isEqualTo(VerdictCause.INDICATOR);
        assertThat(raised.causedBy()).isEqualTo(added.id().toString());
        assertThat(raised.signals()).anySatisfy(s -> assertThat(s.name()).isEqualTo("THREAT_INTEL_MATCH"));
        assertThat(actions.of(tenantId, carrier)).extracting(ChatAction::kind).containsExactly(ActionKind.HIDE);
        fixtures.awaitWorkDone(tenantId, IndicatorReevaluation.KIND, 1);
        assertThat(verdicts.history(tenantId, unrelated)).hasSize(1);
        assertThat(actions.of(tenantId, unrelated)).isEmpty();
        assertThat(verdicts.history(otherTenant, elsewhere)).hasSize(1);
        assertThat(actions.of(otherTenant, elsewhere)).isEmpty();
    }

    @Test
    void aSenderIndicatorRaisesThatSendersChatMessagesToItsLevelOnce() throws Exception {
        UUID tenantId = fixtures.tenantWithMailboxes(1).getFirst().getTenantId();
        String sender = "mallory-" + UUID.randomUUID().toString().substring(0, 8) + "@fabrikam.example";
        byte[] agenda = "Agenda: budget review on Thursday, room 4.\n".getBytes(StandardCharsets.UTF_8);
        UUID fromMallory = post(tenantId, sender, "agenda.txt", agenda);
        UUID fromAlice = post(tenantId, "alice@contoso.example", "agenda.txt", agenda);

        IntelService.Added added = intel.add(
                tenantId, new NewIndicator(IntelKind.SENDER, sender, "analyst submission", 60, null), "analyst-a");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> current(tenantId, fromMallory).level() == RiskLevel.HIGH);
        // The same indicator again (a feed's next poll) raises nothing a second time.
        intel.add(tenantId, new NewIndicator(IntelKind.SENDER, sender, "analyst submission", 60, null), "analyst-b");
        fixtures.awaitWorkDone(tenantId, IndicatorReevaluation.KIND, 1);

        assertThat(current(tenantId, fromMallory).causedBy())
                .isEqualTo(added.id().toString());
        assertThat(verdicts.history(tenantId, fromMallory)).hasSize(2);
        // HIGH asks for a banner, which a chat message has no place for: nothing is hidden.
        assertThat(actions.of(tenantId, fromMallory)).isEmpty();
        assertThat(verdicts.history(tenantId, fromAlice)).hasSize(1);
    }

    /** One chat message with one file, scanned and recorded as the connector does; returns its chat item. */
    private UUID post(UUID tenantId, String sender, String name, byte[] content) {
        String message = UUID.randomUUID().toString();
        ChatFile file = new ChatFile(tenantId, CHAT, message, "attachment:" + name, name, sender);
        Instant posted = Instant.now().minus(Duration.ofHours(1));
        chats.record(
                new ChatMessageFacts(tenantId, Provider.M365, CHAT, message, sender, 1, posted, posted),
                List.of(scans.scan(file, content)));
        return items.find(tenantId, CHAT, message).orElseThrow().id();
    }

    private ChatVerdictVersion current(UUID tenantId, UUID chatItem) {
        return verdicts.current(tenantId, chatItem).orElseThrow();
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
