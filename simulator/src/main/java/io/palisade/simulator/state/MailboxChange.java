package io.palisade.simulator.state;

/**
 * A change to a message, as Graph reports it in change notifications.
 *
 * @param type {@code created}, {@code updated} or {@code deleted}
 * @param message the message after the change, or before it for {@code deleted}
 */
public record MailboxChange(String type, StoredMessage message) {

    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String DELETED = "deleted";
}
