package io.palisade.simulator.mail;

import io.palisade.simulator.state.CompressedMime;
import io.palisade.simulator.state.MailFolder;
import io.palisade.simulator.state.Mailbox;
import io.palisade.simulator.state.MimeSource;
import io.palisade.simulator.state.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * Delivers raw mail into a Microsoft mailbox folder as Exchange would: reads the headers into message
 * properties, keeps the MIME compressed (or as the caller's own {@link MimeSource}), and marks the
 * message received now. The mailbox then tells the subscribers.
 */
public final class MailDrop {

    private MailDrop() {}

    /**
     * Delivers a message.
     *
     * @param folder the folder (id or well-known name)
     * @param receivedAt when it arrived; the mailbox's clock when null
     * @throws IllegalArgumentException when the bytes are not a mail message or the folder is unknown
     */
    public static StoredMessage deliver(Mailbox mailbox, String folder, byte[] mime, Instant receivedAt) {
        return deliver(mailbox, folder, CompressedMime.of(mime), mime, receivedAt);
    }

    /** Delivers a message whose bytes come from {@code source} (for example generated mail). */
    public static StoredMessage deliver(Mailbox mailbox, String folder, MimeSource source, Instant receivedAt) {
        return deliver(mailbox, folder, source, source.bytes(), receivedAt);
    }

    /**
     * Delivers a message whose bytes come from {@code source}; {@code mime} is one rendering of it, read for the
     * headers, so that a message sent to many mailboxes is rendered once.
     */
    public static StoredMessage deliver(
            Mailbox mailbox, String folderRef, MimeSource source, byte[] mime, Instant receivedAt) {
        MailFolder folder = mailbox.folder(folderRef)
                .orElseThrow(() -> new IllegalArgumentException("no folder " + folderRef + " in the mailbox"));
        ParsedMail parsed = ParsedMail.parse(mime);
        Instant received = receivedAt != null ? receivedAt : Instant.now();
        String messageId = parsed.messageId() != null ? parsed.messageId() : generatedMessageId(mime);
        // Not yet: the Importance and X-Priority headers are not read; delivered mail is of normal importance.
        StoredMessage.Builder message = StoredMessage.builder()
                .folderId(folder.id())
                .internetMessageId(messageId)
                .subject(parsed.subject())
                .from(parsed.from())
                .to(parsed.to())
                .cc(parsed.cc())
                .replyTo(parsed.replyTo())
                .receivedAt(received)
                .sentAt(parsed.date() != null ? parsed.date() : received)
                .hasAttachments(parsed.hasAttachments())
                .conversationId(conversationId(parsed.subject()))
                .mime(source);
        return mailbox.add(message);
    }

    /** Exchange stamps a Message-ID on mail that has none. */
    private static String generatedMessageId(byte[] mime) {
        return "<" + hash(new String(mime, StandardCharsets.ISO_8859_1)).substring(0, 24)
                + "@simulator.palisade.local>";
    }

    /** Messages with the same subject (without reply prefixes) share a conversation. */
    private static String conversationId(String subject) {
        String topic =
                subject.replaceAll("(?i)^((re|fw|fwd|aw|wg):\\s*)+", "").trim().toLowerCase(Locale.ROOT);
        return "AAQk" + hash(topic);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
