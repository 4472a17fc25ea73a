package io.palisade.core.pipeline;

import io.palisade.core.action.ActionKind;
import io.palisade.core.action.ActionStatus;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MailboxConnector;
import io.palisade.core.connector.MailboxConnectorRegistry;
import io.palisade.core.connector.MessageNotFoundException;
import io.palisade.core.connector.MessageRef;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.work.PermanentWorkException;
import io.palisade.core.work.RetryableWorkException;
import io.palisade.core.work.WorkHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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

    private final ActionRows actions;
    private final MailItemRepository mailItems;
    private final MailboxConnectorRegistry connectors;
    private final ActionRunner runner;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public ActionExecutor(
            ActionRows actions,
            MailItemRepository mailItems,
            MailboxConnectorRegistry connectors,
            ActionRunner runner,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock) {
        this.actions = actions;
        this.mailItems = mailItems;
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
            transactions.executeWithoutResult(status -> finish(target, outcome));
        } catch (ConnectorException e) {
            transactions.executeWithoutResult(status -> failed(target, e));
            throw e.asWorkFailure();
        }
    }

    /**
     * Runs the action; when the message is not at its last known id after an interrupted attempt (the worker died
     * between the platform's move and saving the new id), finds the copy again instead of moving it twice.
     */
    private ActionRunner.Outcome runOrRelocate(Target target) throws ConnectorException {
        ActionKind kind = target.action().kind();
        try {
            return runner.run(kind, target.item(), target.connector(), target.ref());
        } catch (MessageNotFoundException e) {
            if (target.action().attempts() > 1) {
                Optional<ActionRunner.Outcome> found =
                        runner.relocate(kind, target.item(), target.connector(), target.ref());
                if (found.isPresent()) {
                    LOG.info(
                            "event=action_recovered action={} kind={}",
                            target.action().id(),
                            kind);
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
        ActionRows.Action action = actions.find(tenantId, actionId)
                .orElseThrow(() -> new PermanentWorkException("no action " + actionId + " in tenant"));
        if (action.status().isFinal()) {
            LOG.debug("event=action_already_final action={} status={}", actionId, action.status());
            return null;
        }
        // Locking the copy serialises its actions: a quarantine and a release of one copy never run at once.
        MailItem item = mailItems
                .findForUpdateByTenantIdAndId(tenantId, action.mailItemId())
                .orElseThrow();
        if (actions.earlierUnfinished(action, clock.instant().minus(STALE_RUNNING))) {
            throw new RetryableWorkException(
                    "an earlier action on mail item " + action.mailItemId() + " is not finished",
                    Duration.ofSeconds(1),
                    null);
        }
        String mailbox = actions.providerMailboxId(tenantId, item.getMailboxId())
                .orElseThrow(() -> new PermanentWorkException("mailbox of mail item " + item.getId() + " is gone"));
        if (!actions.start(action, item.getProviderMessageId(), clock.instant())) {
            LOG.info("event=action_cancelled_before_start action={} kind={}", actionId, action.kind());
            return null;
        }
        MessageRef ref = new MessageRef(tenantId, mailbox, item.getProviderMessageId());
        return new Target(action.started(), item, connectors.require(item.getProvider()), ref);
    }

    private void finish(Target target, ActionRunner.Outcome outcome) {
        ActionRows.Action action = target.action();
        ActionStatus status;
        if (outcome.skippedReason() != null) {
            actions.skip(action, outcome.skippedReason(), clock.instant());
            status = ActionStatus.SKIPPED;
        } else {
            actions.succeed(action, outcome.newProviderId(), outcome.folderBefore(), clock.instant());
            if (outcome.newProviderId() != null) {
                actions.moveItem(action, outcome.newProviderId(), outcome.folderAfter());
            }
            status = ActionStatus.DONE;
        }
        audit.recordAll(
                action.tenantId(),
                List.of(new AuditLog.Entry(
                        action.requestedBy(),
                        "action." + action.kind().name().toLowerCase(Locale.ROOT),
                        "mail_item:" + action.mailItemId(),
                        outcome.skippedReason() == null ? "done" : outcome.skippedReason())));
        LOG.info(
                "event=action_done tenant={} action={} kind={} status={}",
                action.tenantId(),
                action.id(),
                action.kind(),
                status);
    }

    private void failed(Target target, ConnectorException e) {
        ActionRows.Action action = target.action();
        actions.fail(action, e.getMessage(), e.isRetryable(), clock.instant());
        LOG.warn(
                "event=action_failed tenant={} action={} retryable={} error={}",
                action.tenantId(),
                action.id(),
                e.isRetryable(),
                e.getMessage());
    }

    private record Target(ActionRows.Action action, MailItem item, MailboxConnector connector, MessageRef ref) {}
}
