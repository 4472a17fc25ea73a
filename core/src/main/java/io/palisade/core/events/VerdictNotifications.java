package io.palisade.core.events;

import io.palisade.core.chat.ChatVerdictChanged;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictChanged;
import io.palisade.detection.api.RiskLevel;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The NOTIFY payload of a verdict change, of a mail item ({@link VerdictChanged}) or of a chat item ({@link
 * ChatVerdictChanged}, marked {@code "of":"chat"}): the sending instance and the change's fields, tenant included.
 * Well under PostgreSQL's 8,000-byte payload limit, since {@code causedBy} is cut to {@value #MAX_CAUSED_BY}
 * characters and every other field is an id, a number, a name or a time.
 */
public final class VerdictNotifications {

    /** The channel every instance listens on. */
    public static final String CHANNEL = "palisade_verdicts";

    static final int MAX_CAUSED_BY = 200;
    private static final String CHAT = "chat";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private VerdictNotifications() {}

    /**
     * A decoded notification.
     *
     * @param change a remote {@link VerdictChanged} or {@link ChatVerdictChanged}, never null
     */
    public record Notification(String instanceId, Object change) {}

    /** The payload for a mail item's change made on {@code instanceId}. */
    public static String encode(String instanceId, VerdictChanged change) {
        ObjectNode node = common(instanceId, change.tenantId(), change.mailItemId(), change.version());
        node.put("previous", name(change.previousLevel()));
        node.put("level", change.level().name());
        node.put("score", change.score());
        node.put("cause", change.cause().name());
        String causedBy = change.causedBy();
        node.put(
                "causedBy",
                causedBy == null || causedBy.length() <= MAX_CAUSED_BY
                        ? causedBy
                        : causedBy.substring(0, MAX_CAUSED_BY));
        node.put("at", change.at().toString());
        return JSON.writeValueAsString(node);
    }

    /** The payload for a chat item's change made on {@code instanceId}. */
    public static String encode(String instanceId, ChatVerdictChanged change) {
        ObjectNode node = common(instanceId, change.tenantId(), change.chatItemId(), change.version());
        node.put("of", CHAT);
        node.put("previous", name(change.previousLevel()));
        node.put("level", change.level().name());
        node.put("cause", change.cause().name());
        node.put("at", change.at().toString());
        return JSON.writeValueAsString(node);
    }

    /**
     * The payload for a local change of either kind.
     *
     * @throws IllegalArgumentException for any other object
     */
    static String encode(String instanceId, Object change) {
        return switch (change) {
            case VerdictChanged mail -> encode(instanceId, mail);
            case ChatVerdictChanged chat -> encode(instanceId, chat);
            default -> throw new IllegalArgumentException("not a verdict change: " + change.getClass());
        };
    }

    /** The notification, or empty when the payload is not one of ours (it is then logged by the caller). */
    public static Optional<Notification> decode(String payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            Object change = CHAT.equals(node.path("of").asString(null)) ? chat(node) : mail(node);
            return Optional.of(new Notification(node.path("instance").asString(), change));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static VerdictChanged mail(JsonNode node) {
        return new VerdictChanged(
                UUID.fromString(node.path("tenant").asString()),
                UUID.fromString(node.path("item").asString()),
                node.path("version").asInt(),
                level(node.path("previous").asString(null)),
                RiskLevel.valueOf(node.path("level").asString()),
                node.path("score").asInt(),
                VerdictCause.valueOf(node.path("cause").asString()),
                node.path("causedBy").asString(null),
                Instant.parse(node.path("at").asString()),
                true);
    }

    private static ChatVerdictChanged chat(JsonNode node) {
        return new ChatVerdictChanged(
                UUID.fromString(node.path("tenant").asString()),
                UUID.fromString(node.path("item").asString()),
                node.path("version").asInt(),
                level(node.path("previous").asString(null)),
                RiskLevel.valueOf(node.path("level").asString()),
                VerdictCause.valueOf(node.path("cause").asString()),
                Instant.parse(node.path("at").asString()),
                true);
    }

    private static ObjectNode common(String instanceId, UUID tenantId, UUID itemId, int version) {
        ObjectNode node = JSON.createObjectNode();
        node.put("instance", instanceId);
        node.put("tenant", tenantId.toString());
        node.put("item", itemId.toString());
        node.put("version", version);
        return node;
    }

    private static String name(RiskLevel level) {
        return level == null ? null : level.name();
    }

    private static RiskLevel level(String name) {
        return name == null ? null : RiskLevel.valueOf(name);
    }
}
