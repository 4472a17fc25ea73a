package io.palisade.core.connector;

/**
 * The message is no longer where the reference points: deleted by its user, moved, or the mailbox is gone. Not
 * retryable; callers usually mark the action skipped, or look the message up again by internet message id.
 */
public class MessageNotFoundException extends ConnectorException {

    public MessageNotFoundException(String message, Throwable cause) {
        super(message, cause, false, null);
    }
}
