package io.palisade.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.TestFixtures;
import io.palisade.core.connector.Provider;
import io.palisade.detection.api.RiskLevel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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
    ChatLifecycle lifecycle;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void recordsAFileOnceWithItsMessagesVerdict() {
        UUID tenant = fixtures.tenant().getId();
        ChatFile file = new ChatFile(tenant, "19:chat@thread.v2", "1700000000001", "attachment:a1", "notes.txt", "");
        byte[] notes = "Lunch at noon on Friday.".getBytes(StandardCharsets.UTF_8);

        FileScan scan = scans.scan(file, notes);
        assertThat(scans.find(file)).as("a scan alone records nothing").isEmpty();
        var first = lifecycle.record(facts(file), List.of(scan));
        var again = lifecycle.record(facts(file), List.of(scans.scan(file, notes)));

        assertThat(scan.malicious()).isFalse();
        assertThat(scans.find(file).orElseThrow().level()).contains(RiskLevel.CLEAN);
        assertThat(first).map(ChatVerdictVersion::level).contains(RiskLevel.CLEAN);
        assertThat(again).as("the same file again judges nothing new").isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM chat_file_scans WHERE tenant_id = ?", Integer.class, tenant))
                .isEqualTo(1);
    }

    @Test
    void recordsAFileThatWasNotScannedWithItsReason() {
        UUID tenant = fixtures.tenant().getId();
        ChatFile file = new ChatFile(tenant, "19:chat@thread.v2", "1700000000002", "attachment:big", "disk.iso", "");

        lifecycle.record(facts(file), List.of(scans.notScanned(file, 5_000_000_000L, "too_large_over_52428800_bytes")));

        ChatFileResult result = scans.find(file).orElseThrow();
        assertThat(result.scanned()).isFalse();
        assertThat(result.reason()).contains("too_large_over_52428800_bytes");
    }

    @Test
    void findsNothingForAnotherTenantsFile() {
        UUID owner = fixtures.tenant().getId();
        UUID other = fixtures.tenant().getId();
        ChatFile file = new ChatFile(owner, "19:chat@thread.v2", "1700000000003", "hosted:h1", "", "");
        lifecycle.record(facts(file), List.of(scans.scan(file, new byte[] {1, 2, 3})));

        ChatFile sameIdsElsewhere = new ChatFile(other, file.chatId(), file.messageId(), file.fileRef(), "", "");

        assertThat(scans.find(file)).isPresent();
        assertThat(scans.find(sameIdsElsewhere)).isEmpty();
    }

    private static ChatMessageFacts facts(ChatFile file) {
        Instant posted = Instant.parse("2026-12-04T08:00:00Z");
        return new ChatMessageFacts(
                file.tenantId(), Provider.M365, file.chatId(), file.messageId(), file.sender(), 1, posted, posted);
    }
}
