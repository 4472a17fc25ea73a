package io.palisade.core.verdict;

import io.palisade.core.mail.MailItemRepository;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records verdicts as a history: each call adds a version, none is ever overwritten, and the highest version is
 * the current verdict. Versions of one item are serialised by locking the item, so concurrent writers never clash.
 */
@Service
public class VerdictService {

    private static final Logger LOG = LoggerFactory.getLogger(VerdictService.class);
    private static final TypeReference<List<Signal>> SIGNALS = new TypeReference<>() {};

    private final VerdictRepository verdicts;
    private final MailItemRepository mailItems;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final JdbcTemplate jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public VerdictService(
            VerdictRepository verdicts,
            MailItemRepository mailItems,
            Clock clock,
            ApplicationEventPublisher events,
            JdbcTemplate jdbc) {
        this.verdicts = verdicts;
        this.mailItems = mailItems;
        this.clock = clock;
        this.events = events;
        this.jdbc = jdbc;
    }

    /**
     * One new version for {@link #recordAll}.
     *
     * @param previous the item's current version as read under its lock; null when it has none
     */
    public record NewVersion(UUID mailItemId, VerdictVersion previous, Verdict verdict) {}

    /**
     * Adds a version to each of many items of the tenant in one batch, all with one cause, and publishes a
     * {@link VerdictChanged} for each. The caller must hold the items' row locks (so no other version is written
     * meanwhile) and pass each item's current version as read under them.
     *
     * @param causedBy who or what caused it; may be null
     * @return the new versions, in the order of {@code batch}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<VerdictVersion> recordAll(UUID tenantId, List<NewVersion> batch, VerdictCause cause, String causedBy) {
        if (batch.isEmpty()) {
            return List.of();
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<UUID> ids = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (NewVersion next : batch) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            Verdict verdict = next.verdict();
            rows.add(new Object[] {
                id,
                tenantId,
                next.mailItemId(),
                next.previous() == null ? 1 : next.previous().getVersion() + 1,
                verdict.score(),
                verdict.level().name(),
                json.writeValueAsString(verdict.signals()),
                verdict.engineVersion(),
                cause.name(),
                causedBy,
                now
            });
        }
        jdbc.batchUpdate(
                "INSERT INTO verdicts (id, tenant_id, mail_item_id, version, score, level, signals, engine_version,"
                        + " cause, caused_by, created_at) VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?)",
                rows);
        Map<UUID, VerdictVersion> saved = verdicts.findByTenantIdAndIdIn(tenantId, ids).stream()
                .collect(Collectors.toMap(VerdictVersion::getId, Function.identity()));
        List<VerdictVersion> versions = ids.stream().map(saved::get).toList();
        LOG.info(
                "event=verdicts_recorded tenant={} count={} level={} cause={}",
                tenantId,
                versions.size(),
                batch.getFirst().verdict().level(),
                cause);
        for (int i = 0; i < versions.size(); i++) {
            publish(versions.get(i), batch.get(i).previous());
        }
        return versions;
    }

    private void publish(VerdictVersion saved, VerdictVersion previous) {
        events.publishEvent(new VerdictChanged(
                saved.getTenantId(),
                saved.getMailItemId(),
                saved.getVersion(),
                previous == null ? null : previous.getLevel(),
                saved.getLevel(),
                saved.getScore(),
                saved.getCause(),
                saved.getCausedBy(),
                saved.getCreatedAt(),
                false));
    }

    /**
     * Adds a verdict version for a mail item of the tenant.
     *
     * @param causedBy who or what caused it (an analyst, an indicator id); may be null
     * @throws NoSuchElementException if the tenant has no such mail item
     */
    @Transactional
    public VerdictVersion record(UUID tenantId, UUID mailItemId, Verdict verdict, VerdictCause cause, String causedBy) {
        mailItems
                .findForUpdateByTenantIdAndId(tenantId, mailItemId)
                .orElseThrow(() -> new NoSuchElementException("no mail item " + mailItemId + " in tenant " + tenantId));
        Optional<VerdictVersion> previous =
                verdicts.findFirstByTenantIdAndMailItemIdOrderByVersionDesc(tenantId, mailItemId);
        int version = previous.map(VerdictVersion::getVersion).orElse(0) + 1;
        VerdictVersion saved = verdicts.save(new VerdictVersion(
                tenantId,
                mailItemId,
                version,
                verdict.score(),
                verdict.level(),
                json.writeValueAsString(verdict.signals()),
                verdict.engineVersion(),
                cause,
                causedBy,
                clock.instant()));
        LOG.info(
                "event=verdict_recorded tenant={} mail_item={} version={} level={} score={} cause={}",
                tenantId,
                mailItemId,
                version,
                verdict.level(),
                verdict.score(),
                cause);
        publish(saved, previous.orElse(null));
        return saved;
    }

    /** The current verdict, or empty when the item has none yet. */
    @Transactional(readOnly = true)
    public Optional<VerdictVersion> current(UUID tenantId, UUID mailItemId) {
        return verdicts.findFirstByTenantIdAndMailItemIdOrderByVersionDesc(tenantId, mailItemId);
    }

    /** Every version, oldest first; empty when the item has none. */
    @Transactional(readOnly = true)
    public List<VerdictVersion> history(UUID tenantId, UUID mailItemId) {
        return verdicts.findByTenantIdAndMailItemIdOrderByVersionAsc(tenantId, mailItemId);
    }

    /** The current verdicts of several of the tenant's items (items without one are left out). */
    @Transactional(readOnly = true)
    public List<VerdictVersion> currentOf(UUID tenantId, List<UUID> mailItemIds) {
        return mailItemIds.isEmpty() ? List.of() : verdicts.findCurrent(tenantId, mailItemIds);
    }

    /** Like {@link #currentOf}, by mail item id. */
    @Transactional(readOnly = true)
    public Map<UUID, VerdictVersion> currentByItem(UUID tenantId, Collection<UUID> mailItemIds) {
        return currentOf(tenantId, List.copyOf(mailItemIds)).stream()
                .collect(Collectors.toMap(VerdictVersion::getMailItemId, Function.identity(), (a, b) -> a));
    }

    /** The signals of a stored version, in their stored order. */
    public List<Signal> signals(VerdictVersion verdict) {
        return signals(verdict.getSignalsJson());
    }

    /** The signals of a version as stored in its {@code signals} column, in their stored order. */
    public List<Signal> signals(String signalsJson) {
        return json.readValue(signalsJson, SIGNALS);
    }
}
