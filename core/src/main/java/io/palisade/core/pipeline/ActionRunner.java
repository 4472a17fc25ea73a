package io.palisade.core.pipeline;

import io.palisade.core.action.ActionKind;
import io.palisade.core.action.MailAction;
import io.palisade.core.action.MailActionRepository;
import io.palisade.core.clawback.ClawbackService;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MailboxConnector;
import io.palisade.core.connector.MessageCopy;
import io.palisade.core.connector.MessageRef;
import io.palisade.core.connector.QuarantineResult;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.RawMessageStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Performs one action on the platform through the message's connector. Holds no database transaction. */
@Component
class ActionRunner {

    /** Where a quarantined item is, as {@link MailItem#getFolder()} records it. */
    static final String QUARANTINE_FOLDER = ClawbackService.QUARANTINE_FOLDER;

    private final RawMessageStore rawMessages;
    private final MailActionRepository actions;
    private final ObjectProvider<BannerComposer> banners;

    ActionRunner(RawMessageStore rawMessages, MailActionRepository actions, ObjectProvider<BannerComposer> banners) {
        this.rawMessages = rawMessages;
        this.actions = actions;
        this.banners = banners;
    }

    /**
     * What an action did.
     *
     * @param newProviderId the message's id afterwards; null when unchanged
     * @param folderBefore the folder it left (kept for a release); may be null
     * @param folderAfter the folder it is in now; may be null
     * @param skippedReason why nothing was done; null when something was
     */
    record Outcome(String newProviderId, String folderBefore, String folderAfter, String skippedReason) {
        static Outcome skipped(String reason) {
            return new Outcome(null, null, null, reason);
        }
    }

    Outcome run(ActionKind kind, MailItem item, MailboxConnector connector, MessageRef ref) throws ConnectorException {
        return switch (kind) {
            case QUARANTINE -> quarantine(item, connector, ref);
            case RELEASE -> release(item, connector, ref);
            case BANNER -> banner(item, connector, ref);
            case SOFT_DELETE -> {
                connector.softDelete(ref);
                yield new Outcome(null, item.getFolder(), null, null);
            }
            case HARD_DELETE -> {
                connector.hardDelete(ref);
                yield new Outcome(null, item.getFolder(), null, null);
            }
            // Admin notifications are recorded per message, not per copy (core.notify); only an action written before
            // they existed comes here.
            case NOTIFY_ADMINS -> Outcome.skipped("admin notifications are recorded per message, not per copy");
            case HIDE, UNHIDE -> Outcome.skipped("chat actions run on the chat action executor");
        };
    }

    /**
     * Finds the copy again after an interrupted attempt: the one copy of the message in the same mailbox under
     * another id, which the interrupted quarantine or release had moved.
     *
     * @return what the interrupted attempt did, or empty when the copy cannot be told apart
     */
    Optional<Outcome> relocate(ActionKind kind, MailItem item, MailboxConnector connector, MessageRef ref)
            throws ConnectorException {
        boolean movable = kind == ActionKind.QUARANTINE || kind == ActionKind.RELEASE;
        if (!movable || item.getInternetMessageId() == null) {
            return Optional.empty();
        }
        List<MessageCopy> here = connector.findCopies(item.getTenantId(), item.getInternetMessageId()).stream()
                .filter(c -> c.providerMailboxId().equals(ref.providerMailboxId()))
                .filter(c -> !c.providerMessageId().equals(ref.providerMessageId()))
                .filter(c -> !Objects.equals(c.folderId(), item.getFolder()))
                .toList();
        if (here.size() != 1) {
            return Optional.empty();
        }
        String newId = here.getFirst().providerMessageId();
        if (kind == ActionKind.QUARANTINE) {
            return Optional.of(new Outcome(newId, item.getFolder(), QUARANTINE_FOLDER, null));
        }
        return Optional.of(new Outcome(newId, QUARANTINE_FOLDER, here.getFirst().folderId(), null));
    }

    private Outcome quarantine(MailItem item, MailboxConnector connector, MessageRef ref) throws ConnectorException {
        if (QUARANTINE_FOLDER.equals(item.getFolder())) {
            return Outcome.skipped("already quarantined");
        }
        QuarantineResult result = connector.quarantine(ref);
        return new Outcome(result.newProviderMessageId(), result.originalFolderId(), QUARANTINE_FOLDER, null);
    }

    private Outcome release(MailItem item, MailboxConnector connector, MessageRef ref) throws ConnectorException {
        if (!QUARANTINE_FOLDER.equals(item.getFolder())) {
            return Outcome.skipped("not quarantined");
        }
        Optional<String> original = originalFolder(item);
        if (original.isEmpty()) {
            return Outcome.skipped("original folder unknown");
        }
        String newId = connector.release(ref, original.get());
        return new Outcome(newId, QUARANTINE_FOLDER, original.get(), null);
    }

    private Outcome banner(MailItem item, MailboxConnector connector, MessageRef ref) throws ConnectorException {
        BannerComposer composer = banners.getIfAvailable();
        if (composer == null) {
            return Outcome.skipped("no banner composer is installed");
        }
        Optional<byte[]> original = rawMessages.load(item.getTenantId(), item.getId());
        if (original.isEmpty()) {
            return Outcome.skipped("raw message missing");
        }
        BannerComposer.Composition bannered = composer.compose(item, original.get());
        if (bannered.mime() == null) {
            return Outcome.skipped("message left untouched: " + bannered.untouchedReason());
        }
        String newId = connector.replaceContent(ref, bannered.mime());
        return new Outcome(newId.equals(ref.providerMessageId()) ? null : newId, null, item.getFolder(), null);
    }

    private Optional<String> originalFolder(MailItem item) {
        List<MailAction> history =
                actions.findByTenantIdAndMailItemIdOrderByCreatedAt(item.getTenantId(), item.getId());
        return history.reversed().stream()
                .filter(a -> a.getKind() == ActionKind.QUARANTINE && a.getOriginalFolder() != null)
                .map(MailAction::getOriginalFolder)
                .findFirst();
    }
}
