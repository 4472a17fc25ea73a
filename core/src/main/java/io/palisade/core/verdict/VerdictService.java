package io.palisade.core.verdict;

import io.palisade.core.mail.MailItemRepository;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
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
    private final JsonMapper json = JsonMapper.builder().build();

    public VerdictService(
            VerdictRepository verdicts, MailItemRepository mailItems, Clock clock, ApplicationEventPublisher events) {
        this.verdicts = verdicts;
        this.mailItems = mailItems;
        this.clock = clock;
        this.events = events;
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
        events.publishEvent(new VerdictChanged(
                tenantId,
                mailItemId,
                version,
                previous.map(VerdictVersion::getLevel).orElse(null),
                verdict.level(),
                verdict.score(),
                cause,
                causedBy,
                saved.getCreatedAt(),
                false));
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

    /** The signals of a stored version, in their stored order. */
    public List<Signal> signals(VerdictVersion verdict) {
        return json.readValue(verdict.getSignalsJson(), SIGNALS);
    }
}
