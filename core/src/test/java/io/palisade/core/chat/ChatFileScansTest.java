package io.palisade.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.TestFixtures;
import io.palisade.detection.api.RiskLevel;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest
class ChatFileScansTest {

    @Autowired
    ChatFileScans scans;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void scansAFileOnceAndKeepsItsFirstVerdict() {
        UUID tenant = fixtures.tenant().getId();
        ChatFile file = new ChatFile(tenant, "19:chat@thread.v2", "1700000000001", "attachment:a1", "notes.txt", "");
        byte[] notes = "Lunch at noon on Friday.".getBytes(StandardCharsets.UTF_8);

        ChatFileResult first = scans.scan(file, notes);
        ChatFileResult again = scans.scan(file, notes);

        assertThat(first.scanned()).isTrue();
        assertThat(first.level()).contains(RiskLevel.CLEAN);
        assertThat(first.malicious()).isFalse();
        assertThat(again).isEqualTo(first);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM chat_file_scans WHERE tenant_id = ?", Integer.class, tenant))
                .isEqualTo(1);
    }

    @Test
    void recordsAFileThatWasNotScannedWithItsReason() {
        UUID tenant = fixtures.tenant().getId();
        ChatFile file = new ChatFile(tenant, "19:chat@thread.v2", "1700000000002", "attachment:big", "disk.iso", "");

        ChatFileResult result = scans.notScanned(file, 5_000_000_000L, "too_large_over_52428800_bytes");

        assertThat(result.scanned()).isFalse();
        assertThat(scans.find(file)).contains(result);
        assertThat(result.reason()).contains("too_large_over_52428800_bytes");
    }

    @Test
    void findsNothingForAnotherTenantsFile() {
        UUID owner = fixtures.tenant().getId();
        UUID other = fixtures.tenant().getId();
        ChatFile file = new ChatFile(owner, "19:chat@thread.v2", "1700000000003", "hosted:h1", "", "");
        scans.scan(file, new byte[] {1, 2, 3});

        ChatFile sameIdsElsewhere = new ChatFile(other, file.chatId(), file.messageId(), file.fileRef(), "", "");

        assertThat(scans.find(file)).isPresent();
        assertThat(scans.find(sameIdsElsewhere)).isEmpty();
    }
}
