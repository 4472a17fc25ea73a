package io.palisade.simulator.traffic;

import java.util.Objects;

/**
 * A Teams chat message that shares a file: what the simulator turns into a chatMessage with a {@code reference}
 * attachment and a drive item holding the bytes.
 *
 * @param chatTopic the chat's topic, never null (empty for a one-to-one chat)
 * @param sender who posts, never null; an attacker's sender is outside the tenant's domain
 * @param external whether the sender belongs to another organisation
 * @param html the message body as Teams stores it (HTML), never null
 * @param fileName the shared file's name, never null
 * @param contentType the file's MIME type, never null
 * @param file the file's bytes, never null
 */
public record ChatPost(
        String chatTopic,
        Mailbox sender,
        boolean external,
        String html,
        String fileName,
        String contentType,
        byte[] file)
        implements Payload {

    public ChatPost {
        Objects.requireNonNull(chatTopic, "chatTopic");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(file, "file");
    }

    /** A copy of the file's bytes. */
    @Override
    public byte[] file() {
        return file.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChatPost that
                && html.equals(that.html)
                && fileName.equals(that.fileName)
                && java.util.Arrays.equals(file, that.file);
    }

    @Override
    public int hashCode() {
        return Objects.hash(html, fileName);
    }

    @Override
    public String toString() {
        return "ChatPost[fileName=" + fileName + ", size=" + file.length + ", external=" + external + "]";
    }
}
