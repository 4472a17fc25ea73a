package io.palisade.detection.api;

import java.util.Objects;

/** What is scanned: a raw RFC 822 message or a file posted in a chat. */
public sealed interface ScanInput {

    /** A raw RFC 822 message as the mailbox delivered it. */
    record Mail(byte[] raw) implements ScanInput {
        public Mail {
            Objects.requireNonNull(raw, "raw");
        }
    }

    /**
     * A file shared in a chat.
     *
     * @param bytes the file's content
     * @param name the file name as posted, never null (may be empty)
     * @param sender the sender's address or user id, never null (may be empty)
     */
    record ChatFile(byte[] bytes, String name, String sender) implements ScanInput {
        public ChatFile {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sender, "sender");
        }
    }
}
