package io.palisade.core.pipeline;

import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MailboxConnector;
import io.palisade.core.connector.MessageCopy;
import io.palisade.core.connector.MessageNotFoundException;
import io.palisade.core.connector.MessageRef;
import io.palisade.core.connector.Provider;
import io.palisade.core.connector.QuarantineResult;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A mailbox platform in memory: messages by id, each in a folder; moves give new ids as Graph's do. */
public class FakeMailboxConnector implements MailboxConnector {

    /** A message as the fake platform holds it. */
    public record Stored(String mailbox, String folder, byte[] mime) {}

    final Map<String, Stored> messages = new ConcurrentHashMap<>();

    public String deliver(String mailbox, String folder, byte[] mime) {
        String id = UUID.randomUUID().toString();
        messages.put(id, new Stored(mailbox, folder, mime));
        return id;
    }

    public Stored get(String id) {
        return messages.get(id);
    }

    @Override
    public Provider provider() {
        return Provider.M365;
    }

    @Override
    public byte[] fetchMime(MessageRef message) throws ConnectorException {
        return require(message).mime();
    }

    @Override
    public QuarantineResult quarantine(MessageRef message) throws ConnectorException {
        Stored stored = require(message);
        return new QuarantineResult(move(message, "quarantine"), stored.folder());
    }

    @Override
    public String release(MessageRef message, String originalFolderId) throws ConnectorException {
        return move(message, originalFolderId);
    }

    @Override
    public void softDelete(MessageRef message) throws ConnectorException {
        move(message, "deleteditems");
    }

    @Override
    public void hardDelete(MessageRef message) throws ConnectorException {
        require(message);
        messages.remove(message.providerMessageId());
    }

    @Override
    public List<MessageCopy> findCopies(UUID tenantId, String internetMessageId) {
        return List.of();
    }

    @Override
    public String replaceContent(MessageRef message, byte[] newMime) throws ConnectorException {
        Stored stored = require(message);
        messages.put(message.providerMessageId(), new Stored(stored.mailbox(), stored.folder(), newMime));
        return message.providerMessageId();
    }

    private String move(MessageRef message, String folder) throws ConnectorException {
        Stored stored = require(message);
        messages.remove(message.providerMessageId());
        String id = UUID.randomUUID().toString();
        messages.put(id, new Stored(stored.mailbox(), folder, stored.mime()));
        return id;
    }

    private Stored require(MessageRef message) throws ConnectorException {
        Stored stored = messages.get(message.providerMessageId());
        if (stored == null) {
            throw new MessageNotFoundException("no message " + message.providerMessageId(), null);
        }
        return stored;
    }
}
