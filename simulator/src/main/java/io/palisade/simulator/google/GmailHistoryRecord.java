package io.palisade.simulator.google;

import java.util.List;

/**
 * One change in a mailbox's history, as history.list reports it.
 *
 * @param id the history id of the change
 * @param type messageAdded, messageDeleted, labelAdded or labelRemoved
 * @param messageId the message concerned
 * @param threadId its thread
 * @param labelIds the message's labels after the change (for added) or the labels added or removed
 */
public record GmailHistoryRecord(long id, String type, String messageId, String threadId, List<String> labelIds) {

    public static final String MESSAGE_ADDED = "messageAdded";
    public static final String MESSAGE_DELETED = "messageDeleted";
    public static final String LABEL_ADDED = "labelAdded";
    public static final String LABEL_REMOVED = "labelRemoved";

    public GmailHistoryRecord {
        labelIds = List.copyOf(labelIds);
    }
}
