package io.palisade.m365.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.mailbox.MailboxRepository;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Files shared in Teams chats, end to end against the simulator: the tenant's chat subscription notifies, the
 * worker fetches the message, its reference files through the shares API and its hosted contents, scans each, and
 * hides the message through {@code policyViolation} when a file is malicious.
 */
class TeamsChatFilesTest extends M365IntegrationTest {

    /** A Windows program (PE header) dressed as a PDF: the scanner's disguised-executable signal forces MALICIOUS. */
    private static final byte[] DISGUISED_PROGRAM = disguisedProgram();

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SubscriptionManager subscriptions;

    static OnboardedTenant tenant;
    static String chatId;

    @BeforeEach
    void onboardOnce() throws Exception {
        synchronized (TeamsChatFilesTest.class) {
            if (tenant == null) {
                tenant = OnboardedTenant.create("teams-files.example", null, onboarding, mailboxes);
                // Onboarding without the token's roles (as OnboardedTenant does) makes no chat subscription.
                subscriptions.subscribeTenantChats(tenant.tenant().getId());
                chatId = SharedSimulator.control()
                        .createChat(
                                tenant.sim().tenantId(),
                                "Quarterly numbers",
                                List.of(tenant.alice().id(), tenant.bob().id()));
            }
        }
    }

    @AfterEach
    void clearFaults() {
        SharedSimulator.control().clearFaults();
    }

    @Test
    void hidesAChatMessageWhoseFileIsMalicious() {
        String messageId = post(file("invoice.pdf", "application/pdf", DISGUISED_PROGRAM));

        await().atMost(Duration.ofSeconds(30)).until(() -> hidden(messageId));

        assertThat(simMessage(messageId)
                        .path("policyViolation")
                        .path("dlpAction")
                        .asString())
                .isEqualTo("blockAccess");
        assertThat(levels(messageId)).containsExactly("MALICIOUS");
    }

    @Test
    void leavesACleanChatMessageVisible() {
        byte[] notes = "Agenda: budget review on Thursday, room 4.\n".getBytes(StandardCharsets.UTF_8);
        String messageId = post(file("agenda.txt", "text/plain", notes));

        await().atMost(Duration.ofSeconds(30)).until(() -> !levels(messageId).isEmpty());

        assertThat(levels(messageId)).containsExactly("CLEAN");
        assertThat(hidden(messageId)).isFalse();
    }

    @Test
    void scansHostedContentsAsChatFiles() {
        Map<String, Object> spec = Map.of(
                "from", tenant.alice().id(),
                "html", "<p>see the chart</p>",
                "images", List.of(Map.of("contentType", "image/png", "contentBase64", b64(png()))));
        String messageId = SharedSimulator.control()
                .postChatMessage(tenant.sim().tenantId(), chatId, spec)
                .path("id")
                .asString();

        await().atMost(Duration.ofSeconds(30)).until(() -> !levels(messageId).isEmpty());

        assertThat(jdbc.queryForList(
                        "SELECT file_ref FROM chat_file_scans WHERE tenant_id = ? AND message_id = ?",
                        String.class,
                        tenant.tenant().getId(),
                        messageId))
                .singleElement()
                .asString()
                .startsWith("hosted:");
        assertThat(hidden(messageId)).isFalse();
    }

    @Test
    void processesADuplicatedNotificationOnce() {
        SharedSimulator.control().addFault(Fault.duplicateNotifications(1));
        String messageId = post(file("report.pdf", "application/pdf", DISGUISED_PROGRAM));

        await().atMost(Duration.ofSeconds(30)).until(() -> hidden(messageId));

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM work_items WHERE tenant_id = ? AND kind = ? AND idempotency_key = ?",
                        Integer.class,
                        tenant.tenant().getId(),
                        ChatWork.KIND,
                        "chat:" + chatId + ":" + messageId))
                .isEqualTo(1);
        assertThat(levels(messageId)).containsExactly("MALICIOUS");
    }

    @Test
    void recordsAnOversizedFileAsNotScannedWithoutDownloadingIt() {
        byte[] big = new byte[(int) OVERSIZED_BYTES];
        java.util.Arrays.fill(big, (byte) 'a');
        String messageId = post(file("backup.txt", "text/plain", big));

        await().atMost(Duration.ofSeconds(30)).until(() -> !status(messageId).isEmpty());

        assertThat(status(messageId)).containsExactly("NOT_SCANNED");
        assertThat(jdbc.queryForObject(
                        "SELECT reason FROM chat_file_scans WHERE tenant_id = ? AND message_id = ?",
                        String.class,
                        tenant.tenant().getId(),
                        messageId))
                .startsWith("too_large");
        assertThat(hidden(messageId)).isFalse();
    }

    /** Over the 1 MiB limit the test context sets ({@code palisade.m365.chat.max-file-bytes}). */
    private static final long OVERSIZED_BYTES = 1024 * 1024 + 512;

    private String post(Map<String, Object> file) {
        Map<String, Object> spec =
                Map.of("from", tenant.alice().id(), "html", "<p>here is the file</p>", "files", List.of(file));
        return SharedSimulator.control()
                .postChatMessage(tenant.sim().tenantId(), chatId, spec)
                .path("id")
                .asString();
    }

    private JsonNode simMessage(String messageId) {
        return SharedSimulator.control().chatMessage(tenant.sim().tenantId(), chatId, messageId);
    }

    private boolean hidden(String messageId) {
        JsonNode violation = simMessage(messageId).path("policyViolation");
        return !violation.isMissingNode() && !violation.isNull();
    }

    private List<String> levels(String messageId) {
        return jdbc.queryForList(
                "SELECT level FROM chat_file_scans WHERE tenant_id = ? AND message_id = ? AND status = 'SCANNED'",
                String.class,
                tenant.tenant().getId(),
                messageId);
    }

    private List<String> status(String messageId) {
        return jdbc.queryForList(
                "SELECT status FROM chat_file_scans WHERE tenant_id = ? AND message_id = ?",
                String.class,
                tenant.tenant().getId(),
                messageId);
    }

    private static Map<String, Object> file(String name, String contentType, byte[] bytes) {
        return Map.of("name", name, "contentType", contentType, "contentBase64", b64(bytes));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

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

    private static byte[] png() {
        String header = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ";
        String pixel = "AAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
        return Base64.getDecoder().decode(header + pixel);
    }
}
