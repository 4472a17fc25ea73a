package io.palisade.core.chat;

import io.palisade.core.scan.TenantScanContexts;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.ScanInput;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import io.palisade.detection.engine.DefaultScanner;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
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
 * context and keeps what was scanned and its verdict in {@code chat_file_scans}. A file already recorded is not
 * scanned again, so a repeated notification costs one lookup.
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
                SELECT status, level, reason FROM chat_file_scans
                WHERE tenant_id = :tenant AND chat_id = :chat AND message_id = :message AND file_ref = :ref
                """,
                key(file),
                (rs, n) -> new ChatFileResult(
                        "SCANNED".equals(rs.getString("status")),
                        Optional.ofNullable(rs.getString("level")).map(RiskLevel::valueOf),
                        Optional.ofNullable(rs.getString("reason"))));
        return rows.stream().findFirst();
    }

    /** Scans the file's bytes and records the verdict; a file recorded before keeps its first result. */
    public ChatFileResult scan(ChatFile file, byte[] bytes) {
        Optional<ChatFileResult> known = find(file);
        if (known.isPresent()) {
            return known.get();
        }
        Verdict verdict = scanner.scan(
                new ScanInput.ChatFile(bytes, file.name(), file.sender()), contexts.forTenant(file.tenantId()));
        String[] signals =
                verdict.signals().stream().map(Signal::name).distinct().toArray(String[]::new);
        MapSqlParameterSource row = key(file)
                .addValue("size", bytes.length)
                .addValue("sha256", sha256(bytes))
                .addValue("status", "SCANNED")
                .addValue("level", verdict.level().name())
                .addValue("score", verdict.score())
                .addValue("signals", "{" + String.join(",", signals) + "}")
                .addValue("engine", verdict.engineVersion())
                .addValue("reason", null);
        insert(row);
        LOG.info(
                "event=chat_file_scanned tenant={} file_ref={} level={} score={} bytes={}",
                file.tenantId(),
                file.fileRef(),
                verdict.level(),
                verdict.score(),
                bytes.length);
        return new ChatFileResult(true, Optional.of(verdict.level()), Optional.empty());
    }

    /** Records that the file was not scanned and why (e.g. over the size limit), so it stays visible. */
    public ChatFileResult notScanned(ChatFile file, long sizeBytes, String reason) {
        MapSqlParameterSource row = key(file)
                .addValue("size", Math.max(0, sizeBytes))
                .addValue("sha256", null)
                .addValue("status", "NOT_SCANNED")
                .addValue("level", null)
                .addValue("score", null)
                .addValue("signals", "{}")
                .addValue("engine", null)
                .addValue("reason", reason);
        insert(row);
        LOG.warn(
                "event=chat_file_not_scanned tenant={} file_ref={} reason={} bytes={}",
                file.tenantId(),
                file.fileRef(),
                reason,
                sizeBytes);
        return new ChatFileResult(false, Optional.empty(), Optional.of(reason));
    }

    private void insert(MapSqlParameterSource row) {
        jdbc.update(INSERT, row.addValue("id", UUID.randomUUID()).addValue("at", Timestamp.from(clock.instant())));
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
