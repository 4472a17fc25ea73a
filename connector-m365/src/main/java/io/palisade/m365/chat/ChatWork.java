package io.palisade.m365.chat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The work item "fetch this chat message, scan its files, hide it if malicious", made from a notification. */
public final class ChatWork {

    /** Work-item kind of a chat-message notification. */
    public static final String KIND = "m365.chat-message";

    /**
     * The payload field that may carry the chat message itself, as Graph sent it in a rich notification's
     * decrypted and verified content; without it the handler reads the message from Graph.
     */
    public static final String MESSAGE = "message";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern RESOURCE = Pattern.compile("chats\\('([^']+)'\\)/messages\\('([^']+)'\\)");

    private ChatWork() {}

    /** The chat and message a notification's resource names, e.g. {@code chats('19:..')/messages('16..')}. */
    public static Optional<ChatWork.Target> target(String resource) {
        Matcher m = RESOURCE.matcher(resource == null ? "" : resource);
        return m.find() ? Optional.of(new Target(m.group(1), m.group(2))) : Optional.empty();
    }

    /**
     * The idempotency key. A creation has one key, so duplicates make one item. Updates are keyed by the minute they
     * arrived: a burst of duplicates makes one item, while a later edit is worked again (its files already scanned
     * are not downloaded twice).
     */
    public static String key(Target target, String changeType, Instant receivedAt) {
        // Not yet: two edits within one minute coalesce; a file added by the second waits for the next catch-up round.
        String base = "chat:" + target.chatId() + ":" + target.messageId();
        return "created".equals(changeType)
                ? base
                : base + ":updated:"
                        + receivedAt.truncatedTo(ChronoUnit.MINUTES).getEpochSecond();
    }

    /**
     * The idempotency key of a message found by a catch-up round. A message never edited gets its creation's key, so
     * a notification and a round make one item; an edited one is keyed by its modification time, so each version is
     * worked once however many rounds and members' listings see it.
     */
    public static String catchUpKey(Target target, Instant created, Instant lastModified) {
        String base = "chat:" + target.chatId() + ":" + target.messageId();
        long modified = lastModified.toEpochMilli();
        return created == null || modified <= created.toEpochMilli() ? base : base + ":modified:" + modified;
    }

    /** The payload {@link ChatMessageHandler} reads. */
    public static ObjectNode payload(Target target, String changeType) {
        return JSON.createObjectNode()
                .put("chatId", target.chatId())
                .put("messageId", target.messageId())
                .put("changeType", changeType);
    }

    /** A chat message named by its chat. */
    public record Target(String chatId, String messageId) {}
}
