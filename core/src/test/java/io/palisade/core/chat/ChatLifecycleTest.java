package io.palisade.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.MutableClock;
import io.palisade.core.TestFixtures;
import io.palisade.core.action.ActionKind;
import io.palisade.core.connector.Provider;
import io.palisade.core.policy.PolicyDocument;
import io.palisade.core.policy.PolicyMode;
import io.palisade.core.policy.PolicyService;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.detection.api.RiskLevel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** How a chat message's versions become verdict versions and what the policy asks of each, without a platform. */
@SpringBootTest
class ChatLifecycleTest {

    private static final Instant POSTED = Instant.parse("2026-12-04T08:00:00Z");

    @Autowired
    ChatLifecycle lifecycle;

    @Autowired
    ChatFileScans scans;

    @Autowired
    ChatItemStore items;

    @Autowired
    ChatActions actions;

    @Autowired
    PolicyService policies;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    MutableClock clock;

    @Test
    void anEditAddingAMaliciousFileRaisesTheVerdictAndAsksForAHide() {
        UUID tenant = fixtures.tenant().getId();
        String message = newMessageId();
        ChatFile notes = file(tenant, message, "attachment:a1", "notes.txt");
        ChatFile program = file(tenant, message, "attachment:a2", "invoice.pdf");

        lifecycle.record(facts(tenant, message, 1, POSTED), List.of(scans.scan(notes, text())));
        var edited = lifecycle.record(
                facts(tenant, message, 2, POSTED.plusSeconds(60)), List.of(scans.scan(program, disguisedProgram())));

        ChatItem item = items.find(tenant, CHAT, message).orElseThrow();
        assertThat(edited).map(ChatVerdictVersion::level).contains(RiskLevel.MALICIOUS);
        assertThat(edited).map(ChatVerdictVersion::version).contains(2);
        assertThat(edited).map(ChatVerdictVersion::cause).contains(VerdictCause.SCAN);
        assertThat(actions.of(tenant, item.id())).extracting(ChatAction::kind).containsExactly(ActionKind.HIDE);
        assertThat(item.files()).isEqualTo(2);
    }

    @Test
    void aCleanFileAddedAfterAnAnalystsCleanVerdictDoesNotHideTheMessageAgain() {
        UUID tenant = fixtures.tenant().getId();
        String message = newMessageId();
        lifecycle.record(
                facts(tenant, message, 1, POSTED),
                List.of(scans.scan(file(tenant, message, "attachment:p", "invoice.pdf"), disguisedProgram())));
        ChatItem item = items.find(tenant, CHAT, message).orElseThrow();

        clock.advance(Duration.ofMinutes(5));
        lifecycle.decide(tenant, item.id(), RiskLevel.CLEAN, "analyst", "known tool");
        var edited = lifecycle.record(
                facts(tenant, message, 2, POSTED.plusSeconds(60)),
                List.of(scans.scan(file(tenant, message, "attachment:n", "notes.txt"), text())));

        assertThat(edited).map(ChatVerdictVersion::level).contains(RiskLevel.CLEAN);
        assertThat(actions.of(tenant, item.id()))
                .extracting(ChatAction::kind)
                .containsExactly(ActionKind.HIDE, ActionKind.UNHIDE);
    }

    @Test
    void theSameFilesAgainJudgeNothingAndAskForNothing() {
        UUID tenant = fixtures.tenant().getId();
        String message = newMessageId();
        ChatFile program = file(tenant, message, "attachment:p", "invoice.pdf");
        lifecycle.record(facts(tenant, message, 1, POSTED), List.of(scans.scan(program, disguisedProgram())));

        var again = lifecycle.record(facts(tenant, message, 1, POSTED.plusSeconds(5)), List.of());

        ChatItem item = items.find(tenant, CHAT, message).orElseThrow();
        assertThat(again).isEmpty();
        assertThat(actions.of(tenant, item.id())).hasSize(1);
    }

    @Test
    void monitorModeRecordsAMaliciousVerdictButHidesNothing() {
        UUID tenant = fixtures.tenant().getId();
        policies.save(tenant, new PolicyDocument(PolicyMode.MONITOR, null, null, null, null, null), null, "admin");
        String message = newMessageId();

        var verdict = lifecycle.record(
                facts(tenant, message, 1, POSTED),
                List.of(scans.scan(file(tenant, message, "attachment:p", "invoice.pdf"), disguisedProgram())));

        ChatItem item = items.find(tenant, CHAT, message).orElseThrow();
        assertThat(verdict).map(ChatVerdictVersion::level).contains(RiskLevel.MALICIOUS);
        assertThat(actions.of(tenant, item.id())).isEmpty();
    }

    @Test
    void aMessageWithoutFilesIsNotAnItem() {
        UUID tenant = fixtures.tenant().getId();
        String message = newMessageId();

        var verdict = lifecycle.record(facts(tenant, message, 0, POSTED), List.of());

        assertThat(verdict).isEmpty();
        assertThat(items.find(tenant, CHAT, message)).isEmpty();
    }

    private static final String CHAT = "19:lifecycle@thread.v2";

    private static String newMessageId() {
        return Long.toString(System.nanoTime());
    }

    private static ChatFile file(UUID tenant, String message, String ref, String name) {
        return new ChatFile(tenant, CHAT, message, ref, name, "alice@contoso.example");
    }

    private static ChatMessageFacts facts(UUID tenant, String message, int files, Instant modified) {
        return new ChatMessageFacts(
                tenant, Provider.M365, CHAT, message, "alice@contoso.example", files, POSTED, modified);
    }

    private static byte[] text() {
        return "Agenda: budget review on Thursday, room 4.\n".getBytes(StandardCharsets.UTF_8);
    }

    /** A Windows program (PE header) dressed as a PDF: the disguised-executable signal forces MALICIOUS. */
    private static byte[] disguisedProgram() {
        byte[] pe = new byte[512];
        pe[0] = 'M';
        pe[1] = 'Z';
        pe[0x3C] = (byte) 0x80;
        pe[0x80] = 'P';
        pe[0x81] = 'E';
        pe[0x84] = 0x4C;
        pe[0x85] = 0x01;
        return pe;
    }
}
