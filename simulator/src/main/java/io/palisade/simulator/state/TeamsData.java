package io.palisade.simulator.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tenant's Teams content: chats with their messages, and the files the messages share (kept by URL, which is what
 * {@code /shares/{u!...}} encodes). Thread-safe.
 */
public final class TeamsData {

    private final Ids ids;
    private final Map<String, Chat> chats = new ConcurrentHashMap<>();
    private final Map<String, DriveItem> filesByUrl = new ConcurrentHashMap<>();
    private final AtomicLong lastMessageId = new AtomicLong();

    TeamsData(Ids ids) {
        this.ids = ids;
    }

    /** A new chat of {@code memberIds}: one-on-one for two members without a topic, else a group. */
    public Chat createChat(String topic, List<String> memberIds, Instant now) {
        String type = topic == null && memberIds.size() == 2 ? "oneOnOne" : "group";
        String id = "19:" + ids.guid().replace("-", "") + "@thread.v2";
        Chat chat = new Chat(id, topic, type, now, memberIds);
        chats.put(id, chat);
        return chat;
    }

    public Optional<Chat> chat(String id) {
        return Optional.ofNullable(chats.get(id));
    }

    /** The chat with this topic and exactly these members, when there is one. */
    public Optional<Chat> chatByTopic(String topic, List<String> memberIds) {
        return chats.values().stream()
                .filter(c -> java.util.Objects.equals(c.topic(), topic)
                        && c.memberIds().size() == memberIds.size()
                        && c.memberIds().containsAll(memberIds))
                .findFirst();
    }

    /** Chats the mailbox is a member of, oldest first. */
    public List<Chat> chatsOf(String mailboxId) {
        return chats.values().stream()
                .filter(c -> c.memberIds().contains(mailboxId))
                .sorted(Comparator.comparing(Chat::created).thenComparing(Chat::id))
                .toList();
    }

    /**
     * Posts a message ({@code html} is given the message id, for hosted-content URLs); its id is the time in epoch
     * milliseconds, kept increasing as Teams ids are.
     */
    public ChatMessage post(
            Chat chat,
            ChatMessage.Sender sender,
            java.util.function.Function<String, String> html,
            List<ChatMessage.Attachment> attachments,
            List<ChatMessage.HostedContent> hosted,
            Instant now) {
        long id = lastMessageId.updateAndGet(last -> Math.max(last + 1, now.toEpochMilli()));
        ChatMessage message = new ChatMessage(
                Long.toString(id),
                chat.id(),
                Instant.ofEpochMilli(id),
                sender,
                html.apply(Long.toString(id)),
                attachments,
                hosted);
        chat.add(message);
        return message;
    }

    /** Stores a file at its URL. */
    public DriveItem addFile(DriveItem item) {
        filesByUrl.put(item.webUrl(), item);
        return item;
    }

    public Optional<DriveItem> fileAt(String webUrl) {
        return Optional.ofNullable(filesByUrl.get(webUrl));
    }

    /** Every message of every chat, oldest first. */
    public List<ChatMessage> allMessages(List<Chat> of) {
        List<ChatMessage> out = new ArrayList<>();
        of.forEach(c -> out.addAll(c.messages()));
        out.sort(Comparator.comparing(ChatMessage::created));
        return out;
    }

    public String newId() {
        return ids.guid();
    }
}
