package io.palisade.m365;

import com.microsoft.graph.models.FollowupFlag;
import com.microsoft.graph.models.FollowupFlagStatus;
import com.microsoft.graph.models.Importance;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.palisade.core.connector.MessageRef;
import io.palisade.core.connector.contract.MailboxPlatform;
import io.palisade.simulator.control.DeliveredMessage;
import io.palisade.simulator.control.MailboxState;
import io.palisade.simulator.control.SimTenant;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A simulated Microsoft 365 tenant seen from outside the connector: mail delivered and mailboxes read through the
 * simulator's control API, user actions and categories through the test's own Graph client.
 */
public final class SimulatedM365Platform implements MailboxPlatform {

    private static final Set<String> RECOVERABLE = Set.of("deleteditems", "recoverableitemsdeletions");

    private final SimTenant simTenant;
    private final UUID tenantId;
    private final List<String> watched;
    private final String unwatched;
    private final GraphServiceClient graph;

    public SimulatedM365Platform(SimTenant simTenant, UUID tenantId, List<String> watched, String unwatched) {
        this.simTenant = simTenant;
        this.tenantId = tenantId;
        this.watched = List.copyOf(watched);
        this.unwatched = unwatched;
        this.graph = SharedSimulator.graphFor(simTenant);
    }

    @Override
    public UUID tenantId() {
        return tenantId;
    }

    @Override
    public List<String> watchedMailboxes() {
        return watched;
    }

    @Override
    public String unwatchedMailbox() {
        return unwatched;
    }

    @Override
    public MessageRef deliver(String providerMailboxId, byte[] mime) {
        DeliveredMessage delivered = SharedSimulator.control().deliver(simTenant.tenantId(), providerMailboxId, mime);
        return new MessageRef(tenantId, providerMailboxId, delivered.id());
    }

    @Override
    public void markReadAndCategorise(MessageRef message, String category) {
        Message patch = new Message();
        patch.setIsRead(true);
        patch.setCategories(List.of(category));
        graph.users()
                .byUserId(message.providerMailboxId())
                .messages()
                .byMessageId(message.providerMessageId())
                .patch(patch);
    }

    @Override
    public void flagAndMarkImportant(MessageRef message) {
        FollowupFlag flag = new FollowupFlag();
        flag.setFlagStatus(FollowupFlagStatus.Flagged);
        Message patch = new Message();
        patch.setFlag(flag);
        patch.setImportance(Importance.High);
        graph.users()
                .byUserId(message.providerMailboxId())
                .messages()
                .byMessageId(message.providerMessageId())
                .patch(patch);
    }

    @Override
    public Optional<StoredMessage> find(MessageRef message) {
        MailboxState state = SharedSimulator.control().mailbox(simTenant.tenantId(), message.providerMailboxId());
        for (MailboxState.Folder folder : state.folders()) {
            for (MailboxState.Message m : folder.messages()) {
                if (m.id().equals(message.providerMessageId())) {
                    return Optional.of(stored(message.providerMailboxId(), folder, m));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public List<StoredMessage> findByInternetMessageId(String providerMailboxId, String internetMessageId) {
        MailboxState state = SharedSimulator.control().mailbox(simTenant.tenantId(), providerMailboxId);
        List<StoredMessage> found = new ArrayList<>();
        for (MailboxState.Folder folder : state.folders()) {
            for (MailboxState.Message m : folder.messages()) {
                if (internetMessageId.equals(m.internetMessageId())) {
                    found.add(stored(providerMailboxId, folder, m));
                }
            }
        }
        return found;
    }

    /** Through Graph's {@code $value}, which renders a MIME also for a message created from JSON. */
    private byte[] mime(String mailbox, String messageId) {
        try (InputStream in = graph.users()
                .byUserId(mailbox)
                .messages()
                .byMessageId(messageId)
                .content()
                .get()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StoredMessage stored(String mailbox, MailboxState.Folder folder, MailboxState.Message m) {
        return new StoredMessage(
                m.id(),
                folder.id(),
                folder.hidden(),
                folder.wellKnownName() != null && RECOVERABLE.contains(folder.wellKnownName()),
                m.isRead(),
                Set.copyOf(m.categories()),
                "flagged".equals(m.flagStatus()),
                "high".equals(m.importance()),
                m.receivedDateTime(),
                m.isDraft(),
                mime(mailbox, m.id()));
    }
}
