package io.palisade.core.chat;

import io.palisade.core.action.ActionKind;
import io.palisade.core.action.ActionStatus;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MessageNotFoundException;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.work.PermanentWorkException;
import io.palisade.core.work.RetryableWorkException;
import io.palisade.core.work.WorkHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one chat action through the chat's connector, as {@code ActionExecutor} runs mail actions: the platform call
 * happens outside any transaction, the outcome (status, the item's hidden state, an audit entry) is saved after it.
 * A retryable failure leaves the action PENDING with its error, and the work queue retries it; a finished action is
 * not run again, so a redelivered work item is harmless.
 */
@Component
public class ChatActionExecutor implements WorkHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ChatActionExecutor.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    // A RUNNING action not touched for this long belongs to a worker that died; it no longer blocks the item.
    private static final Duration STALE_RUNNING = Duration.ofMinutes(5);

    private final ChatActions actions;
    private final ChatItemStore items;
    private final List<ChatRemediation> connectors;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public ChatActionExecutor(
            ChatActions actions,
            ChatItemStore items,
            List<ChatRemediation> connectors,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock) {
        this.actions = actions;
        this.items = items;
        this.connectors = connectors;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return ChatActions.KIND;
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
            run(target);
            transactions.executeWithoutResult(status -> finish(target, null));
        } catch (MessageNotFoundException e) {
            transactions.executeWithoutResult(status -> finish(target, "message is gone"));
        } catch (ConnectorException e) {
            transactions.executeWithoutResult(status -> failed(target, e));
            throw e.asWorkFailure();
        }
    }

    private Target start(UUID tenantId, UUID actionId) {
        ChatAction action = actions.find(tenantId, actionId)
                .orElseThrow(() -> new PermanentWorkException("no chat action " + actionId + " in tenant"));
        if (action.status().isFinal()) {
            LOG.debug("event=action_already_final action={} status={}", actionId, action.status());
            return null;
        }
        // Locking the item serialises its actions: a hide and an un-hide of one message never run at once.
        ChatItem item = items.lock(tenantId, action.chatItemId()).orElseThrow();
        waitForEarlierActions(action);
        actions.start(action);
        return new Target(action, item, connector(item));
    }

    private ChatRemediation connector(ChatItem item) {
        return connectors.stream()
                .filter(c -> c.provider() == item.provider())
                .findFirst()
                .orElseThrow(() -> new PermanentWorkException("no chat connector for " + item.provider()));
    }

    private void waitForEarlierActions(ChatAction action) {
        Instant staleBefore = clock.instant().minus(STALE_RUNNING);
        boolean busy = actions.of(action.tenantId(), action.chatItemId()).stream()
                .filter(other -> !other.id().equals(action.id()))
                .anyMatch(other -> other.status() == ActionStatus.RUNNING
                                && other.updatedAt().isAfter(staleBefore)
                        || other.status() == ActionStatus.PENDING
                                && other.createdAt().isBefore(action.createdAt()));
        if (busy) {
            throw new RetryableWorkException(
                    "an earlier action on chat item " + action.chatItemId() + " is not finished",
                    Duration.ofSeconds(1),
                    null);
        }
    }

    private static void run(Target target) throws ConnectorException {
        ChatItem item = target.item();
        if (target.action().kind() == ActionKind.HIDE) {
            target.connector().hide(item.tenantId(), item.chatId(), item.messageId());
        } else if (target.action().kind() == ActionKind.UNHIDE) {
            target.connector().unhide(item.tenantId(), item.chatId(), item.messageId());
        } else {
            throw new PermanentWorkException("action kind " + target.action().kind() + " does not apply to chat items");
        }
    }

    private void finish(Target target, String skippedReason) {
        ChatAction action = target.action();
        ChatItem item = target.item();
        if (skippedReason == null) {
            actions.succeed(action);
            items.hidden(item.tenantId(), item.id(), action.kind() == ActionKind.HIDE);
        } else {
            actions.skip(action, skippedReason);
        }
        audit.record(
                item.tenantId(),
                action.requestedBy(),
                "action." + action.kind().name().toLowerCase(java.util.Locale.ROOT),
                item.auditTarget(),
                skippedReason == null ? "done" : skippedReason);
        LOG.info(
                "event=action_done tenant={} action={} kind={} status={}",
                item.tenantId(),
                action.id(),
                action.kind(),
                skippedReason == null ? ActionStatus.DONE : ActionStatus.SKIPPED);
    }

    private void failed(Target target, ConnectorException e) {
        actions.fail(target.action(), e.getMessage(), e.isRetryable());
        if (!e.isRetryable()) {
            audit.record(
                    target.item().tenantId(),
                    target.action().requestedBy(),
                    "action." + target.action().kind().name().toLowerCase(java.util.Locale.ROOT),
                    target.item().auditTarget(),
                    "failed: " + e.getMessage());
        }
        LOG.warn(
                "event=action_failed tenant={} action={} kind={} retryable={} error={}",
                target.item().tenantId(),
                target.action().id(),
                target.action().kind(),
                e.isRetryable(),
                e.getMessage());
    }

    private record Target(ChatAction action, ChatItem item, ChatRemediation connector) {}
}
