package io.palisade.simulator.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Teams chat: its members (mailbox ids of the tenant) and its messages, oldest first. Thread-safe.
 *
 * @see TeamsData
 */
public final class Chat {

    private final String id;
    private final String topic;
    private final String chatType;
    private final Instant created;
    private final List<String> memberIds;
    private final List<ChatMessage> messages = new ArrayList<>();

    Chat(String id, String topic, String chatType, Instant created, List<String> memberIds) {
        this.id = id;
        this.topic = topic;
        this.chatType = chatType;
        this.created = created;
        this.memberIds = List.copyOf(memberIds);
    }

    /** e.g. {@code 19:2da4c29f6d7041eca70b638b43d45437@thread.v2}. */
    public String id() {
        return id;
    }

    /** The topic; null for a one-on-one chat. */
    public String topic() {
        return topic;
    }

    /** {@code oneOnOne} or {@code group}. */
    public String chatType() {
        return chatType;
    }

    public Instant created() {
        return created;
    }

    public List<String> memberIds() {
        return memberIds;
    }

    synchronized void add(ChatMessage message) {
        messages.add(message);
    }

    public synchronized List<ChatMessage> messages() {
        return List.copyOf(messages);
    }

    public synchronized Optional<ChatMessage> message(String messageId) {
        return messages.stream().filter(m -> m.id().equals(messageId)).findFirst();
    }
}
