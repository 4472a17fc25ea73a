package io.palisade.simulator.google;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One message in a Gmail mailbox. The MIME never changes (Gmail messages are immutable); only the labels do.
 * Guarded by the owning mailbox's lock.
 */
public final class GmailMessage {

    private final String id;
    private final String threadId;
    private final String rfc822MessageId;
    private final Instant internalDate;
    private final Supplier<byte[]> mime;
    private final int size;
    private final Set<String> labelIds = new LinkedHashSet<>();
    private long historyId;

    GmailMessage(
            String id,
            String threadId,
            String rfc822MessageId,
            Instant internalDate,
            Supplier<byte[]> mime,
            int size,
            Set<String> labels,
            long historyId) {
        this.id = id;
        this.threadId = threadId;
        this.rfc822MessageId = rfc822MessageId;
        this.internalDate = internalDate;
        this.mime = mime;
        this.size = size;
        this.labelIds.addAll(labels);
        this.historyId = historyId;
    }

    public String id() {
        return id;
    }

    public String threadId() {
        return threadId;
    }

    /** The Message-ID header with brackets, or null when the message has none. */
    public String rfc822MessageId() {
        return rfc822MessageId;
    }

    public Instant internalDate() {
        return internalDate;
    }

    /** The raw RFC 5322 bytes; a new array each call. */
    public byte[] mime() {
        return mime.get();
    }

    public int size() {
        return size;
    }

    /** The labels in the order they were added; a read-only view. */
    public Set<String> labelIds() {
        return Collections.unmodifiableSet(labelIds);
    }

    public long historyId() {
        return historyId;
    }

    Set<String> mutableLabels() {
        return labelIds;
    }

    void touched(long history) {
        this.historyId = history;
    }
}
