package io.palisade.simulator.traffic;

import java.util.Objects;

/**
 * A rendered mail message.
 *
 * @param messageId the Message-ID header value with its angle brackets, never null
 * @param subject the decoded subject, never null
 * @param sender the From address, never null
 * @param mime the whole RFC 5322 message, CRLF line ends, never null
 */
public record MailMessage(String messageId, String subject, Mailbox sender, byte[] mime) implements Payload {

    public MailMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(mime, "mime");
    }

    /** A copy of the MIME bytes. */
    @Override
    public byte[] mime() {
        return mime.clone();
    }

    /** The size of the MIME in bytes. */
    public int size() {
        return mime.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MailMessage that
                && messageId.equals(that.messageId)
                && java.util.Arrays.equals(mime, that.mime);
    }

    @Override
    public int hashCode() {
        return messageId.hashCode();
    }

    @Override
    public String toString() {
        return "MailMessage[messageId=" + messageId + ", size=" + mime.length + "]";
    }
}
