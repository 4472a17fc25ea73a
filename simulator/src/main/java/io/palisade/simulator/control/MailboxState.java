package io.palisade.simulator.control;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A mailbox as the control API shows it: folders and message metadata (no content).
 *
 * @param folders every folder, hidden ones included
 */
public record MailboxState(String id, String userPrincipalName, String displayName, List<Folder> folders) {

    /**
     * A folder and its messages, newest first.
     *
     * @param wellKnownName e.g. {@code inbox}; null for folders users made
     * @param parentFolderId null for the root
     */
    public record Folder(
            String id,
            String displayName,
            String wellKnownName,
            String parentFolderId,
            boolean hidden,
            List<Message> messages) {}

    /**
     * One message's metadata.
     *
     * @param flagStatus Graph's {@code flag.flagStatus}: {@code notFlagged}, {@code flagged} or {@code complete}
     * @param importance {@code low}, {@code normal} or {@code high}
     * @param categories the user's categories, never null
     * @param bodyReplaced true when the body was set through JSON (PATCH or create) after delivery
     */
    public record Message(
            String id,
            String internetMessageId,
            String subject,
            boolean isRead,
            boolean isDraft,
            String flagStatus,
            String importance,
            List<String> categories,
            Instant receivedDateTime,
            boolean bodyReplaced,
            int size) {

        public Message {
            categories = categories == null ? List.of() : List.copyOf(categories);
        }
    }

    /** A folder by well-known name or display name, ignoring case. */
    public Optional<Folder> folder(String name) {
        return folders.stream()
                .filter(f -> name.equalsIgnoreCase(f.wellKnownName()) || name.equalsIgnoreCase(f.displayName()))
                .findFirst();
    }

    /** Every message in every folder. */
    public List<Message> allMessages() {
        return folders.stream().flatMap(f -> f.messages().stream()).toList();
    }
}
