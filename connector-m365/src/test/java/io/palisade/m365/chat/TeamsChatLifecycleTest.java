package io.palisade.m365.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.palisade.core.action.ActionKind;
import io.palisade.core.action.ActionStatus;
import io.palisade.core.audit.AuditEntry;
import io.palisade.core.chat.ChatAction;
import io.palisade.core.chat.ChatItem;
import io.palisade.core.chat.ChatItemStore;
import io.palisade.core.chat.ChatItemViews;
import io.palisade.core.chat.ChatLifecycle;
import io.palisade.core.chat.ChatVerdictVersion;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.detection.api.RiskLevel;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.OnboardedTenant;
import io.palisade.m365.SharedSimulator;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.m365.subscription.SubscriptionManager;
import io.palisade.simulator.control.Fault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A chat message through core's lifecycle, end to end against the simulator through the real Graph SDK: its file's
 * scan becomes a verdict version, the tenant's policy asks for a HIDE action that core's outbox and action workers
 * run (audited, retried, its status visible), and an analyst's lower verdict or release shows the message again.
 */
class TeamsChatLifecycleTest extends M365IntegrationTest {

    /** A Windows program (PE header) dressed as a PDF: the scanner's disguised-executable signal forces MALICIOUS. */
    static final byte[] DISGUISED_PROGRAM = disguisedProgram();

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    SubscriptionManager subscriptions;

    @Autowired
    ChatLifecycle lifecycle;

    @Autowired
    ChatItemViews views;

    @Autowired
    ChatItemStore items;

    @Autowired
    JdbcTemplate jdbc;

    static OnboardedTenant tenant;
    static OnboardedTenant neighbour;
    static String chatId;
    static String neighbourChatId;

    @BeforeEach
    void onboardOnce() throws Exception {
        synchronized (TeamsChatLifecycleTest.class) {
            if (tenant == null) {
                tenant = OnboardedTenant.create("teams-lifecycle.example", null, onboarding, mailboxes);
                subscriptions.subscribeTenantChats(tenant.tenant().getId());
                chatId = SharedSimulator.control()
                        .createChat(
                                tenant.sim().tenantId(),
                                "Supplier invoices",
                                List.of(tenant.alice().id(), tenant.bob().id()));
                neighbour = OnboardedTenant.create("teams-neighbour.example", null, onboarding, mailboxes);
                subscriptions.subscribeTenantChats(neighbour.tenant().getId());
                neighbourChatId = SharedSimulator.control()
                        .createChat(
                                neighbour.sim().tenantId(),
                                "Planning",
                                List.of(neighbour.alice().id(), neighbour.bob().id()));
            }
        }
    }

    @AfterEach
    void clearFaults() {
        SharedSimulator.control().clearFaults();
    }

    @Test
    void aMaliciousChatFileHidesTheMessageThroughAnAuditedPolicyAction() {
        String messageId = post(tenant, chatId, "invoice.pdf", "application/pdf", DISGUISED_PROGRAM);

        ChatItem item = awaitItem(tenant, chatId, messageId);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> dlpAction(tenant, chatId, messageId).equals("blockAccess"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> actions(item).stream().allMatch(a -> a.status().isFinal()));

        assertThat(history(item)).singleElement().satisfies(v -> {
            assertThat(v.level()).isEqualTo(RiskLevel.MALICIOUS);
            assertThat(v.cause()).isEqualTo(VerdictCause.SCAN);
        });
        assertThat(actions(item)).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(ActionKind.HIDE);
            assertThat(a.status()).isEqualTo(ActionStatus.DONE);
            assertThat(a.requestedBy()).isEqualTo(ChatLifecycle.POLICY);
            assertThat(a.verdictId()).isEqualTo(history(item).getFirst().id());
        });
        assertThat(audit(item)).extracting(AuditEntry::getAction).contains("action.hide");
        assertThat(items.find(tenant.tenant().getId(), item.id()).orElseThrow().hidden())
                .isTrue();
    }

    @Test
    void anAnalystLoweringTheVerdictShowsTheMessageAgainAndItStaysVisible() {
        String messageId = post(tenant, chatId, "remittance.pdf", "application/pdf", DISGUISED_PROGRAM);
        ChatItem item = awaitItem(tenant, chatId, messageId);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> dlpAction(tenant, chatId, messageId).equals("blockAccess"));

        lifecycle.decide(tenant.tenant().getId(), item.id(), RiskLevel.CLEAN, "analyst@palisade", "known vendor tool");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> dlpAction(tenant, chatId, messageId).equals("none"));
        await().atMost(Duration.ofSeconds(30)).until(() -> chatWorkFinished(messageId));
        assertThat(history(item))
                .extracting(ChatVerdictVersion::level, ChatVerdictVersion::cause)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RiskLevel.MALICIOUS, VerdictCause.SCAN),
                        org.assertj.core.groups.Tuple.tuple(RiskLevel.CLEAN, VerdictCause.ANALYST));
        assertThat(history(item).getLast().causedBy()).isEqualTo("analyst@palisade");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> actions(item).stream().allMatch(a -> a.status().isFinal()));
        assertThat(actions(item))
                .extracting(ChatAction::kind, ChatAction::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ActionKind.HIDE, ActionStatus.DONE),
                        org.assertj.core.groups.Tuple.tuple(ActionKind.UNHIDE, ActionStatus.DONE));
        assertThat(audit(item)).extracting(AuditEntry::getAction).contains("verdict.set", "action.unhide");
        assertThat(dlpAction(tenant, chatId, messageId))
                .as("the notification of the un-hide does not hide it again")
                .isEqualTo("none");
    }

    @Test
    void aReleaseShowsAHiddenMessageWhateverItsVerdict() {
        String messageId = post(tenant, chatId, "statement.pdf", "application/pdf", DISGUISED_PROGRAM);
        ChatItem item = awaitItem(tenant, chatId, messageId);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> dlpAction(tenant, chatId, messageId).equals("blockAccess"));

        var release = lifecycle.release(tenant.tenant().getId(), item.id(), "analyst@palisade", "sender confirmed");

        assertThat(release).isPresent();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> dlpAction(tenant, chatId, messageId).equals("none"));
        assertThat(history(item)).extracting(ChatVerdictVersion::level).containsExactly(RiskLevel.MALICIOUS);
        assertThat(audit(item)).extracting(AuditEntry::getAction).contains("chat.release");
    }

    @Test
    void aCleanChatFileLeavesTheMessageVisibleWithNoAction() {
        byte[] agenda = "Agenda: supplier review on Thursday, room 4.\n".getBytes(StandardCharsets.UTF_8);
        String messageId = post(tenant, chatId, "agenda.txt", "text/plain", agenda);

        ChatItem item = awaitItem(tenant, chatId, messageId);
        await().atMost(Duration.ofSeconds(30)).until(() -> !history(item).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> chatWorkFinished(messageId));

        assertThat(history(item)).extracting(ChatVerdictVersion::level).containsExactly(RiskLevel.CLEAN);
        assertThat(actions(item)).isEmpty();
        assertThat(dlpAction(tenant, chatId, messageId)).isEmpty();
    }

    @Test
    void anotherTenantNeitherSeesNorDecidesAChatItem() {
        String mine = post(tenant, chatId, "invoice-7.pdf", "application/pdf", DISGUISED_PROGRAM);
        String theirs = post(neighbour, neighbourChatId, "notes.txt", "text/plain", "minutes".getBytes());
        ChatItem item = awaitItem(tenant, chatId, mine);
        ChatItem theirItem = awaitItem(neighbour, neighbourChatId, theirs);
        UUID other = neighbour.tenant().getId();

        assertThat(views.of(other, item.id())).isEmpty();
        assertThat(items.find(other, chatId, mine)).isEmpty();
        assertThatThrownBy(() -> lifecycle.decide(other, item.id(), RiskLevel.CLEAN, "analyst", ""))
                .isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> lifecycle.release(other, item.id(), "analyst", ""))
                .isInstanceOf(NoSuchElementException.class);
        assertThat(views.tenantOf(theirItem.id())).contains(other);
        assertThat(history(item)).extracting(ChatVerdictVersion::cause).doesNotContain(VerdictCause.ANALYST);
    }

    @Test
    void aFailingGraphCallIsRetriedWithItsErrorVisibleUntilItSucceeds() {
        String messageId = post(tenant, chatId, "payment.pdf", "application/pdf", DISGUISED_PROGRAM);
        ChatItem item = awaitItem(tenant, chatId, messageId);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> dlpAction(tenant, chatId, messageId).equals("blockAccess"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> actions(item).stream().allMatch(a -> a.status().isFinal()));
        // From here only the un-hide calls this message's path: Graph answers 503 until the fault is cleared.
        SharedSimulator.control().addFault(Fault.serverError(-1, 503).onPathsContaining("/messages/" + messageId));

        lifecycle.decide(tenant.tenant().getId(), item.id(), RiskLevel.CLEAN, "analyst@palisade", "false positive");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> unhide(item).attempts() >= 1
                        && unhide(item).status() == ActionStatus.PENDING
                        && unhide(item).lastError() != null);
        assertThat(unhide(item).lastError()).contains("503");
        assertThat(dlpAction(tenant, chatId, messageId)).isEqualTo("blockAccess");

        SharedSimulator.control().clearFaults();

        await().atMost(Duration.ofSeconds(60)).until(() -> unhide(item).status() == ActionStatus.DONE);
        assertThat(unhide(item).attempts()).isGreaterThanOrEqualTo(2);
        assertThat(dlpAction(tenant, chatId, messageId)).isEqualTo("none");
    }

    private ChatAction unhide(ChatItem item) {
        return actions(item).stream()
                .filter(a -> a.kind() == ActionKind.UNHIDE)
                .findFirst()
                .orElseThrow();
    }

    private ChatItem awaitItem(OnboardedTenant owner, String chat, String messageId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> items.find(owner.tenant().getId(), chat, messageId).isPresent());
        return items.find(owner.tenant().getId(), chat, messageId).orElseThrow();
    }

    private List<ChatVerdictVersion> history(ChatItem item) {
        return views.of(item.tenantId(), item.id()).orElseThrow().verdicts().reversed();
    }

    private List<ChatAction> actions(ChatItem item) {
        return views.of(item.tenantId(), item.id()).orElseThrow().actions();
    }

    private List<AuditEntry> audit(ChatItem item) {
        return views.of(item.tenantId(), item.id()).orElseThrow().audit();
    }

    /** Whether every chat-message work item of this message (notifications of the post and of edits) has finished. */
    private boolean chatWorkFinished(String messageId) {
        return jdbc.queryForObject(
                        "SELECT count(*) FROM work_items WHERE tenant_id = ? AND kind = ?"
                                + " AND idempotency_key LIKE ? AND state NOT IN ('DONE', 'DEAD')",
                        Integer.class,
                        tenant.tenant().getId(),
                        ChatWork.KIND,
                        "chat:%:" + messageId + "%")
                == 0;
    }

    private static String dlpAction(OnboardedTenant owner, String chat, String messageId) {
        return SharedSimulator.control()
                .chatMessage(owner.sim().tenantId(), chat, messageId)
                .path("policyViolation")
                .path("dlpAction")
                .asString("");
    }

    static String post(OnboardedTenant owner, String chat, String name, String contentType, byte[] bytes) {
        Map<String, Object> file = Map.of(
                "name",
                name,
                "contentType",
                contentType,
                "contentBase64",
                Base64.getEncoder().encodeToString(bytes));
        Map<String, Object> spec =
                Map.of("from", owner.alice().id(), "html", "<p>here is the file</p>", "files", List.of(file));
        return SharedSimulator.control()
                .postChatMessage(owner.sim().tenantId(), chat, spec)
                .path("id")
                .asString();
    }

    static byte[] disguisedProgram() {
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
