package io.palisade.simulator.state;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * A user and their mailbox: folders and messages. Every change takes the mailbox's lock, gets the
 * next change sequence, and is reported to the listener after the lock is released.
 */
public final class Mailbox {

    /** Well-known folders every mailbox has, with their display names; the root comes first. */
    private static final List<String[]> WELL_KNOWN = List.of(
            new String[] {"msgfolderroot", "Top of Information Store"},
            new String[] {"inbox", "Inbox"},
            new String[] {"drafts", "Drafts"},
            new String[] {"sentitems", "Sent Items"},
            new String[] {"deleteditems", "Deleted Items"},
            new String[] {"junkemail", "Junk Email"},
            new String[] {"outbox", "Outbox"},
            new String[] {"archive", "Archive"},
            new String[] {"recoverableitemsdeletions", "Deletions"});

    private final String id;
    private final String userPrincipalName;
    private final String displayName;
    private final Ids ids;
    private final Clock clock;
    private final BiConsumer<Mailbox, List<MailboxChange>> listener;
    private final Object lock = new Object();
    private final Map<String, MailFolder> folders = new ConcurrentHashMap<>();
    private final Map<String, String> wellKnown = new ConcurrentHashMap<>();
    private final Map<String, StoredMessage> messages = new ConcurrentHashMap<>();
    private long changeSeq;
    private volatile String preferredLanguage = "en-US";

    /**
     * Creates a mailbox with its well-known folders.
     *
     * @param listener told of every message change, outside the lock, in order per mailbox
     */
    public Mailbox(
            String id,
            String userPrincipalName,
            String displayName,
            Ids ids,
            Clock clock,
            BiConsumer<Mailbox, List<MailboxChange>> listener) {
        this.id = id;
        this.userPrincipalName = userPrincipalName.toLowerCase(Locale.ROOT);
        this.displayName = displayName;
        this.ids = ids;
        this.clock = clock;
        this.listener = listener;
        String rootId = null;
        for (String[] wk : WELL_KNOWN) {
            boolean root = wk[0].equals("msgfolderroot");
            boolean hidden = wk[0].equals("recoverableitemsdeletions");
            MailFolder folder = new MailFolder(ids.opaque(33), wk[1], root || hidden ? null : rootId, wk[0], hidden);
            folders.put(folder.id(), folder);
            wellKnown.put(wk[0], folder.id());
            if (root) {
                rootId = folder.id();
            }
        }
    }

    public String id() {
        return id;
    }

    /** The sign-in name, lower case; also the primary address. */
    public String userPrincipalName() {
        return userPrincipalName;
    }

    public String displayName() {
        return displayName;
    }

    /** The user's preferred language, an ISO 639-1 code with a country ({@code en-US}, {@code fr-FR}); may be null. */
    public String preferredLanguage() {
        return preferredLanguage;
    }

    /** Sets the user's preferred language; null clears it, as an admin can. */
    public void preferredLanguage(String language) {
        this.preferredLanguage = language;
    }

    /** A folder by id or well-known name (case-insensitive). */
    public Optional<MailFolder> folder(String idOrName) {
        String byName = wellKnown.get(idOrName.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(folders.get(byName != null ? byName : idOrName));
    }

    public Collection<MailFolder> folders() {
        return folders.values();
    }

    /** Folders whose parent is {@code parentId}, sorted by name. */
    public List<MailFolder> childFolders(String parentId) {
        return folders.values().stream()
                .filter(f -> parentId.equals(f.parentFolderId()))
                .sorted(Comparator.comparing(MailFolder::displayName))
                .toList();
    }

    /** Creates a child folder; refuses a duplicate name under the same parent. */
    public MailFolder createFolder(String parentId, String name, boolean hidden) {
        synchronized (lock) {
            boolean taken = childFolders(parentId).stream()
                    .anyMatch(f -> f.displayName().equalsIgnoreCase(name));
            if (taken) {
                throw new IllegalStateException("A folder with the specified name already exists.");
            }
            MailFolder folder = new MailFolder(ids.opaque(33), name, parentId, null, hidden);
            folders.put(folder.id(), folder);
            return folder;
        }
    }

    /**
     * Deletes an empty child folder, as a user deleting a folder they emptied first; refuses a well-known folder
     * or one holding messages.
     */
    public boolean deleteEmptyFolder(String folderId) {
        synchronized (lock) {
            MailFolder folder = folders.get(folderId);
            if (folder == null
                    || folder.wellKnownName() != null
                    || !messagesIn(folderId).isEmpty()) {
                return false;
            }
            folders.remove(folderId);
            return true;
        }
    }

    public Optional<StoredMessage> message(String messageId) {
        return Optional.ofNullable(messages.get(messageId));
    }

    /** Every message, in no particular order. */
    public Collection<StoredMessage> messages() {
        return messages.values();
    }

    /** Messages of one folder, newest first. */
    public List<StoredMessage> messagesIn(String folderId) {
        List<StoredMessage> out = new ArrayList<>();
        for (StoredMessage m : messages.values()) {
            if (m.folderId().equals(folderId)) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(StoredMessage::receivedAt).reversed().thenComparing(StoredMessage::id));
        return out;
    }

    /** The current change sequence; delta tokens carry it. */
    public long changeSeq() {
        synchronized (lock) {
            return changeSeq;
        }
    }

    /** Adds a new message to a folder, giving it an id and a change sequence. */
    public StoredMessage add(StoredMessage.Builder message) {
        StoredMessage stored;
        synchronized (lock) {
            stored = message.id(ids.opaque(105))
                    .changed(++changeSeq, clock.instant())
                    .build();
            messages.put(stored.id(), stored);
        }
        listener.accept(this, List.of(new MailboxChange(MailboxChange.CREATED, stored)));
        return stored;
    }

    /** Changes a message in place (same id); empty when it does not exist. */
    public Optional<StoredMessage> update(String messageId, UnaryOperator<StoredMessage.Builder> change) {
        StoredMessage updated;
        synchronized (lock) {
            StoredMessage current = messages.get(messageId);
            if (current == null) {
                return Optional.empty();
            }
            updated = change.apply(current.toBuilder())
                    .changed(++changeSeq, clock.instant())
                    .build();
            messages.put(messageId, updated);
        }
        listener.accept(this, List.of(new MailboxChange(MailboxChange.UPDATED, updated)));
        return Optional.of(updated);
    }

    /** Moves a message into another folder under a new id, as Exchange does; empty when absent. */
    public Optional<StoredMessage> move(String messageId, String folderId) {
        StoredMessage old;
        StoredMessage moved;
        synchronized (lock) {
            old = messages.remove(messageId);
            if (old == null) {
                return Optional.empty();
            }
            long seq = ++changeSeq;
            folders.get(old.folderId()).tombstone(old.id(), seq);
            moved = old.toBuilder()
                    .id(ids.opaque(105))
                    .folderId(folderId)
                    .changed(seq, clock.instant())
                    .build();
            messages.put(moved.id(), moved);
        }
        listener.accept(
                this,
                List.of(
                        new MailboxChange(MailboxChange.DELETED, old),
                        new MailboxChange(MailboxChange.CREATED, moved)));
        return Optional.of(moved);
    }

    /** Removes a message for good; empty when absent. */
    public Optional<StoredMessage> remove(String messageId) {
        StoredMessage old;
        synchronized (lock) {
            old = messages.remove(messageId);
            if (old == null) {
                return Optional.empty();
            }
            folders.get(old.folderId()).tombstone(old.id(), ++changeSeq);
        }
        listener.accept(this, List.of(new MailboxChange(MailboxChange.DELETED, old)));
        return Optional.of(old);
    }
}
