package io.palisade.core.clawback;

import io.palisade.core.action.ActionKind;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MailboxConnectorRegistry;
import io.palisade.core.connector.MessageCopy;
import io.palisade.core.connector.Provider;
import io.palisade.core.mail.CopyLock;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.core.work.PermanentWorkException;
import io.palisade.core.work.RetryableWorkException;
import io.palisade.core.work.WorkHandler;
import io.palisade.core.work.WorkSignal;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Searches every mailbox of the tenant for copies of the clawed-back messages (by internet message id) and adds
 * the ones the clawback does not cover yet. A copy Palisade had never stored becomes a mail item with the verdict
 * of the known copy, so it is remediated and shown like the others. The search runs outside any transaction; a
 * throttled search is retried after the platform's Retry-After; repeating it adds nothing twice.
 */
@Component
public class ClawbackDiscovery implements WorkHandler {

    /** Work-item kind of the search. */
    public static final String KIND = "clawback.discover";

    private static final Logger LOG = LoggerFactory.getLogger(ClawbackDiscovery.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ADOPTION_CHUNK = 50;

    private final MailboxConnectorRegistry connectors;
    private final MailboxRepository mailboxes;
    private final MailItemRepository mailItems;
    private final VerdictService verdicts;
    private final ClawbackService clawbacks;
    private final TransactionTemplate transactions;
    private final WorkSignal workers;
    private final Clock clock;
    private final JdbcTemplate jdbc;
    private final EntityManager entityManager;
    private final CopyLock copyLock;

    public ClawbackDiscovery(
            MailboxConnectorRegistry connectors,
            MailboxRepository mailboxes,
            MailItemRepository mailItems,
            VerdictService verdicts,
            ClawbackService clawbacks,
            TransactionTemplate transactions,
            WorkSignal workers,
            Clock clock,
            JdbcTemplate jdbc,
            EntityManager entityManager,
            CopyLock copyLock) {
        this.jdbc = jdbc;
        this.entityManager = entityManager;
        this.copyLock = copyLock;
        this.connectors = connectors;
        this.mailboxes = mailboxes;
        this.mailItems = mailItems;
        this.verdicts = verdicts;
        this.clawbacks = clawbacks;
        this.transactions = transactions;
        this.workers = workers;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void handle(WorkItem work) {
        JsonNode payload = JSON.readTree(work.payloadJson());
        UUID tenantId = work.tenantId();
        UUID clawbackId = UUID.fromString(payload.path("clawbackId").asString());
        ActionKind kind = ActionKind.valueOf(payload.path("kind").asString());
        String requestedBy = payload.path("requestedBy").asString();
        int added = 0;
        long searchNanos = 0;
        long addNanos = 0;
        for (JsonNode id : payload.path("internetMessageIds")) {
            long start = System.nanoTime();
            List<Found> found = search(tenantId, id.asString());
            long searched = System.nanoTime();
            added += addAll(tenantId, clawbackId, kind, requestedBy, id.asString(), found);
            searchNanos += searched - start;
            addNanos += System.nanoTime() - searched;
        }
        LOG.info(
                "event=clawback_search_done tenant={} clawback={} added={} search_ms={} add_ms={}",
                tenantId,
                clawbackId,
                added,
                searchNanos / 1_000_000,
                addNanos / 1_000_000);
    }

    private List<Found> search(UUID tenantId, String internetMessageId) {
        Set<Provider> providers = EnumSet.noneOf(Provider.class);
        mailboxes
                .findByTenantIdAndStatusOrderByAddress(tenantId, MailboxStatus.ACTIVE)
                .forEach(m -> providers.add(m.getProvider()));
        List<Found> found = new ArrayList<>();
        for (Provider provider : providers) {
            try {
                for (MessageCopy copy : connectors.require(provider).findCopies(tenantId, internetMessageId)) {
                    found.add(new Found(provider, copy));
                }
            } catch (ConnectorException e) {
                if (!e.isRetryable()) {
                    throw new PermanentWorkException("search for copies failed: " + e.getMessage(), e);
                }
                throw new RetryableWorkException(
                        "search for copies failed: " + e.getMessage(),
                        e.retryAfter().orElse(Duration.ZERO),
                        e);
            }
        }
        return found;
    }

    private int addAll(
            UUID tenantId,
            UUID clawbackId,
            ActionKind kind,
            String requestedBy,
            String internetMessageId,
            List<Found> found) {
        // Plain SQL, not entities: a managed entity loaded here would hide the id and folder a worker saves meanwhile.
        Set<UUID> knownMailboxes = new HashSet<>(jdbc.queryForList(
                "SELECT mailbox_id FROM mail_items WHERE tenant_id = ? AND internet_message_id = ?",
                UUID.class,
                tenantId,
                internetMessageId));
        if (knownMailboxes.isEmpty()) {
            return 0;
        }
        // One query for the watched mailboxes instead of one per copy found (a campaign finds thousands).
        Map<String, Mailbox> active = new HashMap<>();
        mailboxes
                .findByTenantIdAndStatusOrderByAddress(tenantId, MailboxStatus.ACTIVE)
                .forEach(m -> active.put(m.getProvider() + "/" + m.getProviderMailboxId(), m));
        // The copy every adopted one is modelled on, and its verdict, read once: a campaign's search adopts thousands.
        Optional<Template> template = template(tenantId, internetMessageId);
        if (template.isEmpty()) {
            return 0;
        }
        List<Adoption> adoptions = new ArrayList<>();
        for (Found copy : found) {
            Mailbox known = active.get(copy.provider() + "/" + copy.copy().providerMailboxId());
            Optional<Mailbox> mailbox = known != null
                    ? Optional.of(known)
                    : mailboxes.findByTenantIdAndProviderAndProviderMailboxId(
                            tenantId, copy.provider(), copy.copy().providerMailboxId());
            if (mailbox.isPresent() && !knownMailboxes.contains(mailbox.get().getId())) {
                adoptions.add(new Adoption(mailbox.get(), copy.copy()));
            }
            // Otherwise not watched, or a copy we track already (perhaps under the id a move is giving it now).
        }
        // Short transactions, each waking the workers: the first adopted copies move while later ones are adopted.
        int added = 0;
        for (int from = 0; from < adoptions.size(); from += ADOPTION_CHUNK) {
            List<Adoption> chunk = adoptions.subList(from, Math.min(adoptions.size(), from + ADOPTION_CHUNK));
            added += transactions.execute(
                    status -> adoptAll(tenantId, clawbackId, kind, requestedBy, template.get(), chunk));
            workers.wake();
        }
        return added;
    }

    private int adoptAll(
            UUID tenantId,
            UUID clawbackId,
            ActionKind kind,
            String requestedBy,
            Template template,
            List<Adoption> chunk) {
        int added = 0;
        for (Adoption adoption : chunk) {
            UUID mailboxId = adoption.mailbox().getId();
            String providerMessageId = adoption.copy().providerMessageId();
            // Ingest may be storing this very copy now (its notification came as the search found it): whoever
            // holds the copy's lock first stores it.
            copyLock.hold(tenantId, mailboxId, providerMessageId);
            if (stored(tenantId, mailboxId, providerMessageId)) {
                continue;
            }
            MailItem item = adopt(template, adoption.mailbox(), adoption.copy());
            joinCampaign(tenantId, clawbackId, item);
            added += clawbacks.addCopy(clawbackId, item, kind, requestedBy) ? 1 : 0;
        }
        return added;
    }

    private boolean stored(UUID tenantId, UUID mailboxId, String providerMessageId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM mail_items WHERE tenant_id = ? AND mailbox_id = ?"
                        + " AND provider_message_id = ?)",
                Boolean.class,
                tenantId,
                mailboxId,
                providerMessageId));
    }

    /** A copy found for a campaign's clawback becomes a member, so later campaign actions cover it too. */
    private void joinCampaign(UUID tenantId, UUID clawbackId, MailItem item) {
        entityManager.flush();
        jdbc.update(
                "INSERT INTO campaign_members (tenant_id, campaign_id, mail_item_id, reason)"
                        + " SELECT tenant_id, campaign_id, ?, 'COPY' FROM clawbacks"
                        + " WHERE tenant_id = ? AND id = ? AND campaign_id IS NOT NULL ON CONFLICT DO NOTHING",
                item.getId(),
                tenantId,
                clawbackId);
    }

    /** A stored copy of the message and its current verdict, which adopted copies take. */
    private record Template(MailItem item, Optional<VerdictVersion> verdict, List<Signal> signals) {}

    private Optional<Template> template(UUID tenantId, String internetMessageId) {
        return mailItems
                .findFirstByTenantIdAndInternetMessageIdOrderByCreatedAtAsc(tenantId, internetMessageId)
                .map(item -> {
                    Optional<VerdictVersion> verdict = verdicts.current(tenantId, item.getId());
                    return new Template(
                            item, verdict, verdict.map(verdicts::signals).orElse(List.of()));
                });
    }

    private MailItem adopt(Template template, Mailbox mailbox, MessageCopy copy) {
        MailItem model = template.item();
        MailItem item = mailItems.save(new MailItem(
                model.getTenantId(),
                mailbox.getId(),
                mailbox.getProvider(),
                copy.providerMessageId(),
                null,
                model.getInternetMessageId(),
                model.getSender(),
                List.of(mailbox.getAddress()),
                model.getSubject(),
                model.getReceivedAt(),
                copy.folderId(),
                clock.instant()));
        template.verdict()
                .ifPresent(v -> verdicts.record(
                        item.getTenantId(),
                        item.getId(),
                        new Verdict(v.getScore(), v.getLevel(), template.signals(), v.getEngineVersion()),
                        v.getCause(),
                        v.getCausedBy()));
        LOG.info(
                "event=copy_discovered tenant={} mail_item={} mailbox={}",
                item.getTenantId(),
                item.getId(),
                mailbox.getId());
        return item;
    }

    private record Found(Provider provider, MessageCopy copy) {}

    /** A copy found in a watched mailbox that Palisade has not stored. */
    private record Adoption(Mailbox mailbox, MessageCopy copy) {}
}
