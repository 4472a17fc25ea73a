package io.palisade.simulator.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A mail folder. Remembers which messages left it (tombstones) for delta queries, up to a bound;
 * a delta token older than what it remembers is expired.
 */
public final class MailFolder {

    /** How many removals a folder remembers for delta; older delta tokens get 410. */
    static final int TOMBSTONE_LIMIT = 5_000;

    private final String id;
    private final String displayName;
    private final String parentFolderId;
    private final String wellKnownName;
    private final boolean hidden;
    private final Deque<Tombstone> tombstones = new ArrayDeque<>();
    private volatile long deltaFloor = -1;

    /**
     * Creates a folder.
     *
     * @param parentFolderId the parent's id, or null for the root
     * @param wellKnownName e.g. {@code inbox}, or null for a folder users made
     */
    public MailFolder(String id, String displayName, String parentFolderId, String wellKnownName, boolean hidden) {
        this.id = id;
        this.displayName = displayName;
        this.parentFolderId = parentFolderId;
        this.wellKnownName = wellKnownName;
        this.hidden = hidden;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** The parent folder's id, or null for the root. */
    public String parentFolderId() {
        return parentFolderId;
    }

    /** The well-known name, or null. */
    public String wellKnownName() {
        return wellKnownName;
    }

    public boolean hidden() {
        return hidden;
    }

    /**
     * A message left this folder (moved or deleted) at change {@code seq}.
     *
     * @param seq the mailbox change sequence of the removal
     */
    void tombstone(String messageId, long seq) {
        synchronized (tombstones) {
            tombstones.addLast(new Tombstone(messageId, seq));
            while (tombstones.size() > TOMBSTONE_LIMIT) {
                deltaFloor = Math.max(deltaFloor, tombstones.removeFirst().seq() - 1);
            }
        }
    }

    /** Ids removed after {@code seq}, oldest first. */
    public List<Tombstone> tombstonesAfter(long seq) {
        synchronized (tombstones) {
            List<Tombstone> out = new ArrayList<>();
            for (Tombstone t : tombstones) {
                if (t.seq() > seq) {
                    out.add(t);
                }
            }
            return out;
        }
    }

    /** Delta tokens that carry this sequence or an earlier one are expired; -1 when none is. */
    public long deltaFloor() {
        return deltaFloor;
    }

    /** Expires every delta token issued up to {@code seq} (a fault tests ask for). */
    public void expireDeltaTokensUpTo(long seq) {
        deltaFloor = Math.max(deltaFloor, seq);
    }

    /**
     * A message that left the folder.
     *
     * @param seq the mailbox change sequence of the removal
     */
    public record Tombstone(String messageId, long seq) {}
}
