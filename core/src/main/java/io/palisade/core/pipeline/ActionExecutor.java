package io.palisade.core.pipeline;

import io.palisade.core.action.ActionStatus;
import io.palisade.core.action.MailAction;
import io.palisade.core.action.MailActionRepository;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MailboxConnector;
import io.palisade.core.connector.MailboxConnectorRegistry;
import io.palisade.core.connector.MessageNotFoundException;
import io.palisade.core.connector.MessageRef;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.work.PermanentWorkException;
import io.palisade.core.work.RetryableWorkException;
import io.palisade.core.work.WorkHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one action through the message's connector. The platform call happens outside any database transaction;
 * the outcome (new provider id, original folder, status) is saved afterwards. Repeating a finished action does
 * nothing, so a redelivered work item is harmless.
 */
@Component
public class ActionExecutor implements WorkHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ActionExecutor.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    // A RUNNING action not touched for this long belongs to a worker that died; it no longer blocks the copy.
    private static final Duration STALE_RUNNING = Duration.ofMinutes(5);

    private final MailActionRepository actions;
    private final MailItemRepository mailItems;
    private final MailboxRepository mailboxes;
    private final MailboxConnectorRegistry connectors;
    private final ActionRunner runner;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public ActionExecutor(
            MailActionRepository actions,
            MailItemRepository mailItems,
            MailboxRepository mailboxes,
            MailboxConnectorRegistry connectors,
            ActionRunner runner,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock) {
        this.actions = actions;
        this.mailItems = mailItems;
        this.mailboxes = mailboxes;
        this.connectors = connectors;
        this.runner = runner;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return ActionOutbox.KIND;
    }

    @Override
    public void handle(WorkItem work) {
        UUID tenantId = work.tenantId();
        UUID actionId = UUID.fromString(
                JSON.readTree(work.payloadJson()).path("actionId").asString());
        Target target = transactions.execute(status -> start(tenantId, actionId));
        if (target == null) {
            return;
        }
        try {
            ActionRunner.Outcome outcome = runOrRelocate(target);
            transactions.executeWithoutResult(status -> finish(tenantId, actionId, outcome));
        } catch (ConnectorException e) {
            transactions.executeWithoutResult(status -> failed(tenantId, actionId, e));
            if (!e.isRetryable()) {
                throw new PermanentWorkException(e.getMessage(), e);
            }
            throw new RetryableWorkException(e.getMessage(), e.retryAfter().orElse(Duration.ZERO), e);
        }
    }

    /**
     * Runs the action; when the message is not at its last known id after an interrupted attempt (the worker died
     * between the platform's move and saving the new id), finds the copy again instead of moving it twice.
     */
    private ActionRunner.Outcome runOrRelocate(Target target) throws ConnectorException {
        try {
            return runner.run(target.action(), target.item(), target.connector(), target.ref());
        } catch (MessageNotFoundException e) {
            if (target.action().getAttempts() > 1) {
                Optional<ActionRunner.Outcome> found =
                        runner.relocate(target.action(), target.item(), target.connector(), target.ref());
                if (found.isPresent()) {
                    LOG.info(
                            "event=action_recovered action={} kind={}",
                            target.action().getId(),
                            target.action().getKind());
                    return found.get();
                }
                // Not yet: a copy not found again in its mailbox is skipped; the analyst sees the reason and the
                // copy may sit in quarantine unrecorded, so a later release misses it.
                return ActionRunner.Outcome.skipped("message not at its last known id and not found again");
            }
            return ActionRunner.Outcome.skipped("message is gone");
        }
    }

    private Target start(UUID tenantId, UUID actionId) {
        MailAction action = actions.findByTenantIdAndId(tenantId, actionId)
                .orElseThrow(() -> new PermanentWorkException("no action " + actionId + " in tenant"));
        if (action.getStatus().isFinal()) {
            LOG.debug("event=action_already_final action={} status={}", actionId, action.getStatus());
            return null;
        }
        // Locking the copy serialises its actions: a quarantine and a release of one copy never run at once.
        MailItem item = mailItems
                .findForUpdateByTenantIdAndId(tenantId, action.getMailItemId())
                .orElseThrow();
        waitForEarlierActions(action);
        Mailbox mailbox =
                mailboxes.findByTenantIdAndId(tenantId, item.getMailboxId()).orElseThrow();
        action.start(item.getProviderMessageId(), clock.instant());
        actions.save(action);
        MessageRef ref = new MessageRef(tenantId, mailbox.getProviderMailboxId(), item.getProviderMessageId());
        return new Target(action, item, connectors.require(item.getProvider()), ref);
    }

    private void waitForEarlierActions(MailAction action) {
        Instant staleBefore = clock.instant().minus(STALE_RUNNING);
        boolean busy =
                actions
                        .findByTenantIdAndMailItemIdOrderByCreatedAt(action.getTenantId(), action.getMailItemId())
                        .stream()
                        .filter(other -> !other.getId().equals(action.getId()))
                        .anyMatch(other -> other.getStatus() == ActionStatus.RUNNING
                                        && other.getUpdatedAt().isAfter(staleBefore)
                                || other.getStatus() == ActionStatus.PENDING
                                        && other.getCreatedAt().isBefore(action.getCreatedAt()));
        if (busy) {
            throw new RetryableWorkException(
                    "an earlier action on mail item " + action.getMailItemId() + " is not finished",
                    Duration.ofSeconds(1),
                    null);
        }
    }

    private void finish(UUID tenantId, UUID actionId, ActionRunner.Outcome outcome) {
        MailAction action = actions.findByTenantIdAndId(tenantId, actionId).orElseThrow();
        MailItem item =
                mailItems.findByTenantIdAndId(tenantId, action.getMailItemId()).orElseThrow();
        if (outcome.skippedReason() != null) {
            action.skip(outcome.skippedReason(), clock.instant());
        } else {
            action.succeed(outcome.newProviderId(), outcome.folderBefore(), clock.instant());
            if (outcome.newProviderId() != null) {
                item.movedTo(outcome.newProviderId(), outcome.folderAfter());
                mailItems.save(item);
            }
        }
        actions.save(action);
        audit.record(
                tenantId,
                action.getRequestedBy(),
                "action." + action.getKind().name().toLowerCase(),
                "mail_item:" + item.getId(),
                outcome.skippedReason() == null ? "done" : outcome.skippedReason());
        LOG.info(
                "event=action_done tenant={} action={} kind={} status={}",
                tenantId,
                actionId,
                action.getKind(),
                action.getStatus());
    }

    private void failed(UUID tenantId, UUID actionId, ConnectorException e) {
        MailAction action = actions.findByTenantIdAndId(tenantId, actionId).orElseThrow();
        action.fail(e.getMessage(), e.isRetryable(), clock.instant());
        actions.save(action);
        LOG.warn(
                "event=action_failed tenant={} action={} retryable={} error={}",
                tenantId,
                actionId,
                e.isRetryable(),
                e.getMessage());
    }

    private record Target(MailAction action, MailItem item, MailboxConnector connector, MessageRef ref) {}
}
