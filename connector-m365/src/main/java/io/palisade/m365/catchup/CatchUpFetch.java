package io.palisade.m365.catchup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The work item "fetch and scan these messages of one mailbox", made by a catch-up round: at most
 * {@link io.palisade.m365.graph.GraphBatch#MAX_REQUESTS} messages, fetched with one Graph {@code $batch}. The key
 * names the mailbox and the set of messages, so a round repeated after a failure makes no second item.
 */
final class CatchUpFetch {

    /** Work-item kind of a batch fetch. */
    static final String KIND = "m365.catchup.fetch";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One message as delta listed it. */
    record Listed(String id, String folder, Instant receivedAt, String internetMessageId) {}

    private CatchUpFetch() {}

    static String key(UUID mailboxId, List<Listed> messages) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            messages.stream()
                    .map(Listed::id)
                    .sorted()
                    .forEach(id -> digest.update((id + "\n").getBytes(StandardCharsets.UTF_8)));
            return "catchup-fetch:" + mailboxId + ":" + HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String payload(UUID mailboxId, List<Listed> messages) {
        ObjectNode payload = JSON.createObjectNode().put("mailboxId", mailboxId.toString());
        ArrayNode list = payload.putArray("messages");
        for (Listed m : messages) {
            list.addObject()
                    .put("id", m.id())
                    .put("folder", m.folder())
                    .put(
                            "receivedAt",
                            m.receivedAt() == null ? null : m.receivedAt().toString())
                    .put("internetMessageId", m.internetMessageId());
        }
        return payload.toString();
    }

    static UUID mailboxId(JsonNode payload) {
        return UUID.fromString(payload.path("mailboxId").asString());
    }

    static List<Listed> messages(JsonNode payload) {
        List<Listed> out = new ArrayList<>();
        for (JsonNode m : payload.path("messages")) {
            String received = text(m, "receivedAt");
            out.add(new Listed(
                    m.path("id").asString(),
                    text(m, "folder"),
                    received == null ? null : Instant.parse(received),
                    text(m, "internetMessageId")));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
