package io.palisade.simulator.google;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One user's Gmail mailbox: messages with labels, the label list, the change history with its history ids, and the
 * watch. Thread-safe: every method takes the mailbox's lock.
 */
public final class GmailMailbox {

    /** History kept per mailbox; older changes are forgotten and asking for them answers 404, as Gmail does. */
    static final int HISTORY_LIMIT = 20_000;

    private static final List<String> SYSTEM_LABELS = List.of(
            "INBOX",
            "SENT",
            "TRASH",
            "SPAM",
            "DRAFT",
            "UNREAD",
            "STARRED",
            "IMPORTANT",
            "CHAT",
            "CATEGORY_PERSONAL",
            "CATEGORY_SOCIAL",
            "CATEGORY_PROMOTIONS",
            "CATEGORY_UPDATES",
            "CATEGORY_FORUMS");

    private final String address;
    private final GoogleIds ids;
    private final Map<String, GmailMessage> messages = new LinkedHashMap<>();
    private final Map<String, String> threadsByRfcId = new HashMap<>();
    private final Map<String, GmailLabel> labels = new LinkedHashMap<>();
    private final List<GmailHistoryRecord> history = new ArrayList<>();
    private long historyId;
    private long oldestHistoryId;
    private int userLabels;
    private GmailWatch watch;
    private volatile BiConsumer<GmailMailbox, Set<String>> onChange = (mailbox, labelIds) -> {};

    GmailMailbox(String address, GoogleIds ids) {
        this.address = address;
        this.ids = ids;
        this.historyId = ids.firstHistoryId();
        this.oldestHistoryId = historyId;
        SYSTEM_LABELS.forEach(id -> labels.put(id, new GmailLabel(id, id, "system")));
    }

    public String address() {
        return address;
    }

    /** Called after each change, outside the lock, with the labels the change touched. */
    void onChange(BiConsumer<GmailMailbox, Set<String>> listener) {
        this.onChange = listener;
    }

    /**
     * Adds a message; its thread is the thread of a message it replies to (In-Reply-To or References), else new.
     *
     * @param threadId a thread the caller asks for, or null
     * @param replyTo the Message-IDs the message refers to, never null
     */
    public GmailMessage add(
            Supplier<byte[]> mime,
            int size,
            String rfc822MessageId,
            Collection<String> replyTo,
            Collection<String> labelIds,
            Instant internalDate,
            String threadId) {
        GmailMessage message;
        synchronized (this) {
            requireLabels(labelIds);
            String id = ids.messageId(messages::containsKey);
            String thread = threadFor(id, threadId, replyTo);
            long change = nextHistoryId();
            message = new GmailMessage(
                    id, thread, rfc822MessageId, internalDate, mime, size, new HashSet<>(labelIds), change);
            messages.put(id, message);
            if (rfc822MessageId != null) {
                threadsByRfcId.putIfAbsent(rfc822MessageId, thread);
            }
            record(new GmailHistoryRecord(
                    change, GmailHistoryRecord.MESSAGE_ADDED, id, thread, List.copyOf(message.labelIds())));
        }
        onChange.accept(this, message.labelIds());
        return message;
    }

    private String threadFor(String id, String requested, Collection<String> replyTo) {
        if (requested != null
                && messages.values().stream().anyMatch(m -> m.threadId().equals(requested))) {
            return requested;
        }
        for (String reference : replyTo) {
            String thread = threadsByRfcId.get(reference);
            if (thread != null) {
                return thread;
            }
        }
        return id;
    }

    public synchronized GmailMessage get(String id) {
        GmailMessage message = messages.get(id);
        if (message == null) {
            throw GmailException.notFound();
        }
        return message;
    }

    /** Messages newest first that carry every label in {@code labelIds} and pass {@code query}. */
    public synchronized List<GmailMessage> list(
            Collection<String> labelIds, boolean includeSpamTrash, Predicate<GmailMessage> query) {
        List<GmailMessage> out = new ArrayList<>();
        for (GmailMessage message : messages.values()) {
            Set<String> has = message.labelIds();
            boolean hidden = !includeSpamTrash && (has.contains("SPAM") || has.contains("TRASH"));
            if (!hidden && has.containsAll(labelIds) && query.test(message)) {
                out.add(message);
            }
        }
        return out.reversed();
    }

    /** Adds and removes labels; records labelAdded and labelRemoved changes for the labels that really changed. */
    public GmailMessage modify(String id, Collection<String> add, Collection<String> remove) {
        GmailMessage message;
        boolean changed;
        Set<String> touched = new HashSet<>();
        synchronized (this) {
            message = get(id);
            requireLabels(add);
            requireLabels(remove);
            List<String> added = add.stream()
                    .filter(l -> !message.labelIds().contains(l))
                    .distinct()
                    .toList();
            List<String> removed = remove.stream()
                    .filter(l -> message.labelIds().contains(l))
                    .distinct()
                    .toList();
            changed = !added.isEmpty() || !removed.isEmpty();
            touched.addAll(added);
            touched.addAll(removed);
            if (changed) {
                long change = nextHistoryId();
                message.mutableLabels().addAll(added);
                message.mutableLabels().removeAll(removed);
                message.touched(change);
                if (!added.isEmpty()) {
                    record(new GmailHistoryRecord(
                            change, GmailHistoryRecord.LABEL_ADDED, id, message.threadId(), added));
                }
                if (!removed.isEmpty()) {
                    record(new GmailHistoryRecord(
                            change, GmailHistoryRecord.LABEL_REMOVED, id, message.threadId(), removed));
                }
            }
        }
        if (changed) {
            onChange.accept(this, touched);
        }
        return message;
    }

    /** Removes a message for good. */
    public void delete(String id) {
        Set<String> labelIds;
        synchronized (this) {
            GmailMessage message = get(id);
            labelIds = Set.copyOf(message.labelIds());
            messages.remove(id);
            record(new GmailHistoryRecord(
                    nextHistoryId(), GmailHistoryRecord.MESSAGE_DELETED, id, message.threadId(), List.of()));
        }
        onChange.accept(this, labelIds);
    }

    /**
     * Changes after {@code startHistoryId}, oldest first.
     *
     * @throws GmailException 404 when {@code startHistoryId} is older than the history kept
     */
    public synchronized List<GmailHistoryRecord> history(long startHistoryId) {
        if (startHistoryId < oldestHistoryId) {
            throw GmailException.notFound();
        }
        return history.stream().filter(r -> r.id() > startHistoryId).toList();
    }

    /** Forgets all history so far: the next history.list from an earlier id answers 404 (a fault on request). */
    public synchronized void expireHistory() {
        history.clear();
        oldestHistoryId = historyId;
    }

    public synchronized long historyId() {
        return historyId;
    }

    public synchronized int messagesTotal() {
        return messages.size();
    }

    public synchronized int threadsTotal() {
        return (int) messages.values().stream()
                .map(GmailMessage::threadId)
                .distinct()
                .count();
    }

    public synchronized List<GmailLabel> labels() {
        return List.copyOf(labels.values());
    }

    public synchronized GmailLabel label(String id) {
        GmailLabel label = labels.get(id);
        if (label == null) {
            throw GmailException.notFound();
        }
        return label;
    }

    /** Creates a user label; a name already in use is refused with 409 as Gmail does. */
    public synchronized GmailLabel createLabel(String name) {
        if (name == null || name.isBlank()) {
            throw GmailException.invalid("Invalid label name");
        }
        if (labels.values().stream().anyMatch(l -> l.name().equalsIgnoreCase(name))) {
            throw new GmailException(409, "alreadyExists", "Label name exists or conflicts");
        }
        GmailLabel label = new GmailLabel("Label_" + (++userLabels), name, "user");
        labels.put(label.id(), label);
        return label;
    }

    public synchronized void deleteLabel(String id) {
        GmailLabel label = label(id);
        if (label.isSystem()) {
            throw GmailException.invalid("Invalid delete request");
        }
        labels.remove(id);
        messages.values().forEach(m -> m.mutableLabels().remove(id));
    }

    synchronized GmailWatch watch() {
        return watch;
    }

    synchronized GmailWatch startWatch(GmailWatch newWatch) {
        this.watch = newWatch;
        return newWatch;
    }

    synchronized void stopWatch() {
        this.watch = null;
    }

    private void requireLabels(Collection<String> ids) {
        for (String id : ids) {
            if (!labels.containsKey(id)) {
                throw GmailException.invalid("Invalid label: " + id);
            }
        }
    }

    private long nextHistoryId() {
        historyId = ids.nextHistoryId(historyId);
        return historyId;
    }

    private void record(GmailHistoryRecord change) {
        history.add(change);
        if (history.size() > HISTORY_LIMIT) {
            GmailHistoryRecord dropped = history.removeFirst();
            oldestHistoryId = dropped.id();
        }
    }
}
