package io.palisade.core.events;

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
 * The NOTIFY payload of a verdict change: the sending instance and the change's fields, tenant included. Well under
 * PostgreSQL's 8,000-byte payload limit, since {@code causedBy} is cut to {@value #MAX_CAUSED_BY} characters.
 */
public final class VerdictNotifications {

    /** The channel every instance listens on. */
    public static final String CHANNEL = "palisade_verdicts";

    static final int MAX_CAUSED_BY = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private VerdictNotifications() {}

    /** A decoded notification. */
    public record Notification(String instanceId, VerdictChanged change) {}

    /** The payload for a change made on {@code instanceId}. */
    public static String encode(String instanceId, VerdictChanged change) {
        ObjectNode node = JSON.createObjectNode();
        node.put("instance", instanceId);
        node.put("tenant", change.tenantId().toString());
        node.put("item", change.mailItemId().toString());
        node.put("version", change.version());
        node.put(
                "previous",
                change.previousLevel() == null ? null : change.previousLevel().name());
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

    /** The notification, or empty when the payload is not one of ours (it is then logged by the caller). */
    public static Optional<Notification> decode(String payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            String previous = node.path("previous").asString(null);
            VerdictChanged change = new VerdictChanged(
                    UUID.fromString(node.path("tenant").asString()),
                    UUID.fromString(node.path("item").asString()),
                    node.path("version").asInt(),
                    previous == null ? null : RiskLevel.valueOf(previous),
                    RiskLevel.valueOf(node.path("level").asString()),
                    node.path("score").asInt(),
                    VerdictCause.valueOf(node.path("cause").asString()),
                    node.path("causedBy").asString(null),
                    Instant.parse(node.path("at").asString()),
                    true);
            return Optional.of(new Notification(node.path("instance").asString(), change));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
