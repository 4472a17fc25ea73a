package io.palisade.m365.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.connector.MessageRef;
import io.palisade.core.connector.QuarantineResult;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.OnboardedTenant;
import io.palisade.m365.SharedSimulator;
import io.palisade.m365.graph.M365Tenants;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.simulator.state.MailFolder;
import io.palisade.simulator.state.Mailbox;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The quarantine folder of each watched mailbox: made when discovery starts watching the mailbox, its id kept over a
 * restart, and made again when someone deletes it.
 */
@SpringBootTest
class QuarantineFoldersTest extends M365IntegrationTest {

    @Autowired
    M365MailboxConnector connector;

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    M365Tenants tenants;

    @Autowired
    JdbcTemplate jdbc;

    static OnboardedTenant tenant;

    @BeforeEach
    void onboardOnce() throws Exception {
        synchronized (QuarantineFoldersTest.class) {
            if (tenant == null) {
                tenant = OnboardedTenant.create("quarantine-folders.example", null, onboarding, mailboxes);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> unprepared() == 0);
    }

    @Test
    void everyWatchedMailboxHasItsHiddenFolderBeforeAnyQuarantine() {
        for (String user : List.of(tenant.alice().id(), tenant.bob().id())) {
            List<MailFolder> folders = quarantineFolders(user);
            assertThat(folders).hasSize(1);
            assertThat(folders.getFirst().hidden()).isTrue();
            assertThat(storedFolder(user)).isEqualTo(folders.getFirst().id());
        }
    }

    @Test
    void aFolderKeptInTheDatabaseNeedsNoGraphCallAfterARestart() {
        SharedSimulator.get().state().requests().clear(tenant.sim().tenantId());
        QuarantineFolders afterRestart = new QuarantineFolders(jdbc, Clock.systemUTC());

        String folder = afterRestart.ensure(
                tenants.graph(tenant.tenant().getId()),
                tenant.tenant().getId(),
                tenant.alice().id());

        assertThat(folder)
                .isEqualTo(quarantineFolders(tenant.alice().id()).getFirst().id());
        assertThat(SharedSimulator.get().state().requests().counts(tenant.sim().tenantId()))
                .isEmpty();
    }

    @Test
    void aQuarantineFolderDeletedByHandIsMadeAgainAndTheMessageStillGoesThere() throws Exception {
        String bob = tenant.bob().id();
        String deleted = quarantineFolders(bob).getFirst().id();
        assertThat(mailbox(bob).deleteEmptyFolder(deleted)).isTrue();
        MessageRef ref = tenant.platform().deliver(bob, mime());

        QuarantineResult result = connector.quarantine(ref);

        List<MailFolder> folders = quarantineFolders(bob);
        assertThat(folders).hasSize(1);
        assertThat(folders.getFirst().id()).isNotEqualTo(deleted);
        assertThat(mailbox(bob)
                        .message(result.newProviderMessageId())
                        .orElseThrow()
                        .folderId())
                .isEqualTo(folders.getFirst().id());
        assertThat(storedFolder(bob)).isEqualTo(folders.getFirst().id());
    }

    private int unprepared() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM work_items WHERE tenant_id = ? AND kind = ? AND state <> 'DONE'",
                Integer.class,
                tenant.tenant().getId(),
                QuarantinePreparation.KIND);
    }

    private String storedFolder(String user) {
        return jdbc.queryForObject(
                "SELECT folder_id FROM m365_quarantine_folders WHERE tenant_id = ? AND user_id = ?",
                String.class,
                tenant.tenant().getId(),
                user);
    }

    private static List<MailFolder> quarantineFolders(String user) {
        return mailbox(user).folders().stream()
                .filter(f -> QuarantineFolders.NAME.equals(f.displayName()))
                .toList();
    }

    private static Mailbox mailbox(String user) {
        return SharedSimulator.get()
                .state()
                .tenant(tenant.sim().tenantId())
                .orElseThrow()
                .mailbox(user)
                .orElseThrow();
    }

    private static byte[] mime() {
        return ("From: \"Erin Brooks\" <erin.brooks@fabrikam.example>\r\n"
                        + "To: bob@quarantine-folders.example\r\n"
                        + "Subject: Invoice\r\n"
                        + "Message-ID: <" + UUID.randomUUID() + "@fabrikam.example>\r\n"
                        + "Date: Thu, 03 Dec 2026 09:00:00 +0000\r\n"
                        + "MIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                        + "Please pay the attached invoice.\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
