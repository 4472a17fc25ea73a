package io.palisade.core.chat;

import io.palisade.core.verdict.VerdictCause;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chat items' verdict histories in core's {@code verdicts} table (rows with a {@code chat_item_id}): each change a new
 * version, none overwritten (the table's trigger refuses updates). Callers hold the item's lock, which serialises
 * versions. Each new version is published as a {@link ChatVerdictChanged}.
 */
@Repository
public class ChatVerdicts {

    private static final Logger LOG = LoggerFactory.getLogger(ChatVerdicts.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Signal>> SIGNALS = new TypeReference<>() {};

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public ChatVerdicts(NamedParameterJdbcTemplate jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /** The current verdict, or empty before the first. */
    public Optional<ChatVerdictVersion> current(UUID tenantId, UUID chatItemId) {
        return jdbc
                .query(
                        "SELECT * FROM verdicts WHERE tenant_id = :tenant AND chat_item_id = :item"
                                + " ORDER BY version DESC LIMIT 1",
                        params(tenantId, chatItemId),
                        ChatVerdicts::version)
                .stream()
                .findFirst();
    }

    /** Every version, oldest first. */
    public List<ChatVerdictVersion> history(UUID tenantId, UUID chatItemId) {
        return jdbc.query(
                "SELECT * FROM verdicts WHERE tenant_id = :tenant AND chat_item_id = :item ORDER BY version",
                params(tenantId, chatItemId),
                ChatVerdicts::version);
    }

    /** Adds a version and publishes a {@link ChatVerdictChanged} for it; the caller holds the item's lock. */
    ChatVerdictVersion record(ChatItem item, Verdict verdict, VerdictCause cause, String causedBy) {
        Optional<ChatVerdictVersion> previous = current(item.tenantId(), item.id());
        int version = previous.map(ChatVerdictVersion::version).orElse(0) + 1;
        UUID id = UUID.randomUUID();
        var now = clock.instant();
        jdbc.update(
                """
                INSERT INTO verdicts (id, tenant_id, chat_item_id, version, score, level, signals, engine_version,
                    cause, caused_by, created_at)
                VALUES (:id, :tenant, :item, :version, :score, :level, CAST(:signals AS jsonb), :engine, :cause,
                    :causedBy, :at)
                """,
                params(item.tenantId(), item.id())
                        .addValue("id", id)
                        .addValue("version", version)
                        .addValue("score", verdict.score())
                        .addValue("level", verdict.level().name())
                        .addValue("signals", JSON.writeValueAsString(verdict.signals()))
                        .addValue("engine", verdict.engineVersion())
                        .addValue("cause", cause.name())
                        .addValue("causedBy", causedBy)
                        .addValue("at", Timestamp.from(now)));
        LOG.info(
                "event=verdict_recorded tenant={} chat_item={} version={} level={} score={} cause={}",
                item.tenantId(),
                item.id(),
                version,
                verdict.level(),
                verdict.score(),
                cause);
        events.publishEvent(new ChatVerdictChanged(
                item.tenantId(),
                item.id(),
                version,
                previous.map(ChatVerdictVersion::level).orElse(null),
                verdict.level(),
                cause,
                now,
                false));
        return new ChatVerdictVersion(
                id,
                item.tenantId(),
                item.id(),
                version,
                verdict.score(),
                verdict.level(),
                verdict.signals(),
                verdict.engineVersion(),
                cause,
                causedBy,
                now);
    }

    private static MapSqlParameterSource params(UUID tenantId, UUID chatItemId) {
        return new MapSqlParameterSource().addValue("tenant", tenantId).addValue("item", chatItemId);
    }

    private static ChatVerdictVersion version(ResultSet rs, int row) throws SQLException {
        return new ChatVerdictVersion(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("chat_item_id", UUID.class),
                rs.getInt("version"),
                rs.getInt("score"),
                RiskLevel.valueOf(rs.getString("level")),
                JSON.readValue(rs.getString("signals"), SIGNALS),
                rs.getString("engine_version"),
                VerdictCause.valueOf(rs.getString("cause")),
                rs.getString("caused_by"),
                rs.getTimestamp("created_at").toInstant());
    }
}
