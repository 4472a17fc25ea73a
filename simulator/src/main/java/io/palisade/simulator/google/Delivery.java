package io.palisade.simulator.google;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** Mail arriving by SMTP: stored in the inbox, unread, threaded by its references. */
public final class Delivery {

    private Delivery() {}

    /** Delivers raw MIME bytes. */
    public static GmailMessage toInbox(GmailMailbox mailbox, byte[] mime, Instant receivedAt) {
        byte[] copy = mime.clone();
        return toInbox(mailbox, copy::clone, copy, receivedAt);
    }

    /**
     * Delivers a message whose bytes come from {@code source} (generated mail kept as its seed); {@code rendered} is
     * one rendering, read once for the headers and the size.
     */
    public static GmailMessage toInbox(
            GmailMailbox mailbox, Supplier<byte[]> source, byte[] rendered, Instant receivedAt) {
        RawHeaders headers = RawHeaders.of(rendered);
        return mailbox.add(
                source,
                rendered.length,
                headers.messageId(),
                headers.references(),
                List.of("INBOX", "UNREAD"),
                receivedAt,
                null);
    }
}
