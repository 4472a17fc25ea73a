package io.palisade.simulator.google;

import java.time.Instant;
import java.util.List;

/**
 * A mailbox's watch: which topic gets its changes, for which labels, until when.
 *
 * @param topicName {@code projects/{project}/topics/{topic}}
 * @param labelIds the labels filtered on; empty for every change
 * @param include true for INCLUDE (only changes to these labels), false for EXCLUDE
 * @param expiration when the watch lapses (7 days after it was made)
 */
public record GmailWatch(String topicName, List<String> labelIds, boolean include, Instant expiration) {

    public GmailWatch {
        labelIds = List.copyOf(labelIds);
    }
}
