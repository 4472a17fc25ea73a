package io.palisade.core.chat;

import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MessageNotFoundException;
import io.palisade.core.connector.Provider;
import java.util.UUID;

/**
 * What a connector does to a chat message for core's chat actions. Both operations are safe to repeat: hiding a
 * hidden message or showing a visible one changes nothing.
 */
public interface ChatRemediation {

    /** The platform this connector serves. */
    Provider provider();

    /**
     * Hides the message from its readers.
     *
     * @throws MessageNotFoundException when the chat or message is gone
     */
    void hide(UUID tenantId, String chatId, String messageId) throws ConnectorException;

    /**
     * Shows a message hidden before to its readers again.
     *
     * @throws MessageNotFoundException when the chat or message is gone
     */
    void unhide(UUID tenantId, String chatId, String messageId) throws ConnectorException;
}
