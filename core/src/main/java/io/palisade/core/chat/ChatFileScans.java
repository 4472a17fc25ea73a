package io.palisade.core.chat;

import io.palisade.core.scan.TenantScanContexts;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.ScanInput;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import io.palisade.detection.engine.DefaultScanner;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Core's entry point for files shared in chats: scans a file as {@link ScanInput.ChatFile} with the tenant's scan
 * context, and keeps what was scanned and its verdict in {@code chat_file_scans}. A scan is not recorded here:
 * {@link ChatLifecycle} records the files of a message with the message's verdict, so a file recorded always has a
 * verdict of its message. A file already recorded is not scanned again, so a repeated notification costs one lookup.
 */
@Service
public class ChatFileScans {

    private static final Logger LOG = LoggerFactory.getLogger(ChatFileScans.class);
    private static final String INSERT = """
            INSERT INTO chat_file_scans (id, tenant_id, chat_id, message_id, file_ref, file_name, size_bytes, sha256,
                status, level, score, signals, engine_version, reason, scanned_at)
            VALUES (:id, :tenant, :chat, :message, :ref, :name, :size, :sha256, :status, :level, :score,
                CAST(:signals AS text[]), :engine, :reason, :at)
            ON CONFLICT (tenant_id, chat_id, message_id, file_ref) DO NOTHING
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final DefaultScanner scanner;
    private final TenantScanContexts contexts;
    private final Clock clock;

    public ChatFileScans(
            NamedParameterJdbcTemplate jdbc, DefaultScanner scanner, TenantScanContexts contexts, Clock clock) {
        this.jdbc = jdbc;
        this.scanner = scanner;
        this.contexts = contexts;
        this.clock = clock;
    }

    /** What is recorded for this file of the tenant, if anything. */
    public Optional<ChatFileResult> find(ChatFile file) {
        List<ChatFileResult> rows = jdbc.query(
                """
                SELECT status, level, score, signals, reason FROM chat_file_scans
                WHERE tenant_id = :tenant AND chat_id = :chat AND message_id = :message AND file_ref = :ref
                """,
                key(file),
                (rs, n) -> new ChatFileResult(
                        "SCANNED".equals(rs.getString("status")),
                        Optional.ofNullable(rs.getString("level")).map(RiskLevel::valueOf),
                        rs.getInt("score"),
                        names(rs.getArray("signals")),
                        Optional.ofNullable(rs.getString("reason"))));
        return rows.stream().findFirst();
    }

    /** Every recorded file of one chat message of the tenant, oldest first. */
    public List<RecordedFile> ofMessage(UUID tenantId, String chatId, String messageId) {
        return jdbc.query(
                """
                SELECT file_ref, file_name, size_bytes, status, level, score, signals, reason, scanned_at
                FROM chat_file_scans WHERE tenant_id = :tenant AND chat_id = :chat AND message_id = :message
                ORDER BY scanned_at, file_ref
                """,
                new MapSqlParameterSource()
                        .addValue("tenant", tenantId)
                        .addValue("chat", chatId)
                        .addValue("message", messageId),
                (rs, n) -> new RecordedFile(
                        rs.getString("file_ref"),
                        rs.getString("file_name"),
                        rs.getLong("size_bytes"),
                        new ChatFileResult(
                                "SCANNED".equals(rs.getString("status")),
                                Optional.ofNullable(rs.getString("level")).map(RiskLevel::valueOf),
                                rs.getInt("score"),
                                names(rs.getArray("signals")),
                                Optional.ofNullable(rs.getString("reason"))),
                        rs.getTimestamp("scanned_at").toInstant()));
    }

    /**
     * A recorded file of a message.
     *
     * @param fileRef what the file is within the message, e.g. {@code attachment:{id}}
     * @param name the file name as posted, may be empty
     */
    public record RecordedFile(
            String fileRef, String name, long sizeBytes, ChatFileResult result, java.time.Instant scannedAt) {}

    /** Scans the file's bytes; the result is recorded by {@link ChatLifecycle#record}. */
    public FileScan scan(ChatFile file, byte[] bytes) {
        Verdict verdict = scanner.scan(
                new ScanInput.ChatFile(bytes, file.name(), file.sender()), contexts.forTenant(file.tenantId()));
        LOG.info(
                "event=chat_file_scanned tenant={} file_ref={} level={} score={} bytes={}",
                file.tenantId(),
                file.fileRef(),
                verdict.level(),
                verdict.score(),
                bytes.length);
        return new FileScan(file, verdict, bytes.length, sha256(bytes), null);
    }

    /** A file that was not scanned and why (e.g. over the size limit), so that it stays visible once recorded. */
    public FileScan notScanned(ChatFile file, long sizeBytes, String reason) {
        LOG.warn(
                "event=chat_file_not_scanned tenant={} file_ref={} reason={} bytes={}",
                file.tenantId(),
                file.fileRef(),
                reason,
                sizeBytes);
        return new FileScan(file, null, sizeBytes, null, reason);
    }

    /** Records a file; returns false when it was recorded before (by a concurrent worker), which keeps its row. */
    boolean save(FileScan scan) {
        Verdict verdict = scan.verdict();
        String[] signals = verdict == null
                ? new String[0]
                : verdict.signals().stream().map(Signal::name).distinct().toArray(String[]::new);
        MapSqlParameterSource row = key(scan.file())
                .addValue("size", scan.sizeBytes())
                .addValue("sha256", scan.sha256())
                .addValue("status", scan.scanned() ? "SCANNED" : "NOT_SCANNED")
                .addValue("level", verdict == null ? null : verdict.level().name())
                .addValue("score", verdict == null ? null : verdict.score())
                .addValue("signals", "{" + String.join(",", signals) + "}")
                .addValue("engine", verdict == null ? null : verdict.engineVersion())
                .addValue("reason", scan.reason())
                .addValue("id", UUID.randomUUID())
                .addValue("at", Timestamp.from(clock.instant()));
        return jdbc.update(INSERT, row) == 1;
    }

    private static List<String> names(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static MapSqlParameterSource key(ChatFile file) {
        return new MapSqlParameterSource()
                .addValue("tenant", file.tenantId())
                .addValue("chat", file.chatId())
                .addValue("message", file.messageId())
                .addValue("ref", file.fileRef())
                .addValue("name", file.name());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
