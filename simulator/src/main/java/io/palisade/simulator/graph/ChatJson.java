package io.palisade.simulator.graph;

import io.palisade.simulator.server.Json;
import io.palisade.simulator.state.Chat;
import io.palisade.simulator.state.ChatMessage;
import io.palisade.simulator.state.DriveItem;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The chat, chatMessage, chatMessageHostedContent and driveItem resources in Graph's JSON shape. */
final class ChatJson {

    private ChatJson() {}

    static ObjectNode chat(Chat chat, String tenantId) {
        ObjectNode out = Json.object();
        out.put("id", chat.id());
        out.put("topic", chat.topic());
        out.put("createdDateTime", millis(chat.created()));
        out.put("lastUpdatedDateTime", millis(chat.created()));
        out.put("chatType", chat.chatType());
        out.put("webUrl", "https://teams.microsoft.com/l/chat/" + chat.id() + "/0?tenantId=" + tenantId);
        out.put("tenantId", tenantId);
        return out;
    }

    /** The whole chatMessage, as GET returns it and as rich notifications carry it. */
    static ObjectNode message(ChatMessage message) {
        ObjectNode out = Json.object();
        out.put("id", message.id());
        out.putNull("replyToId");
        out.put("etag", Long.toString(message.lastModified().toEpochMilli()));
        out.put("messageType", "message");
        out.put("createdDateTime", millis(message.created()));
        out.put("lastModifiedDateTime", millis(message.lastModified()));
        out.putNull("lastEditedDateTime");
        out.putNull("deletedDateTime");
        out.putNull("subject");
        out.putNull("summary");
        out.put("chatId", message.chatId());
        out.put("importance", "normal");
        out.put("locale", "en-us");
        out.putNull("webUrl");
        out.putNull("channelIdentity");
        String violation = message.policyViolationJson();
        if (violation == null) {
            out.putNull("policyViolation");
        } else {
            out.set("policyViolation", Json.parseOrNull(violation.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        out.putNull("eventDetail");
        ObjectNode from = out.putObject("from");
        from.putNull("application");
        from.putNull("device");
        ObjectNode user = from.putObject("user");
        user.put("@odata.type", "#microsoft.graph.teamworkUserIdentity");
        user.put("id", message.sender().userId());
        user.put("displayName", message.sender().displayName());
        user.put("userIdentityType", "aadUser");
        user.put("tenantId", message.sender().tenantId());
        ObjectNode body = out.putObject("body");
        body.put("contentType", "html");
        body.put("content", message.html());
        ArrayNode attachments = out.putArray("attachments");
        for (ChatMessage.Attachment a : message.attachments()) {
            ObjectNode j = attachments.addObject();
            j.put("id", a.id());
            j.put("contentType", a.contentType());
            j.put("contentUrl", a.contentUrl());
            j.putNull("content");
            j.put("name", a.name());
            j.putNull("thumbnailUrl");
            j.putNull("teamsAppId");
        }
        out.putArray("mentions");
        out.putArray("reactions");
        return out;
    }

    /** A hostedContents list item: Graph lists the ids without the bytes. */
    static ObjectNode hostedContent(ChatMessage.HostedContent content) {
        ObjectNode out = Json.object();
        out.put("id", content.id());
        out.putNull("contentBytes");
        out.putNull("contentType");
        return out;
    }

    static ObjectNode driveItem(DriveItem item, String downloadUrl) {
        ObjectNode out = Json.object();
        out.put("@microsoft.graph.downloadUrl", downloadUrl);
        out.put("id", item.id());
        out.put("name", item.name());
        out.put("size", item.size());
        out.put("webUrl", item.webUrl());
        out.put("createdDateTime", GraphSupport.dateTime(item.created()));
        out.put("lastModifiedDateTime", GraphSupport.dateTime(item.created()));
        ObjectNode file = out.putObject("file");
        file.put("mimeType", item.mimeType());
        ObjectNode parent = out.putObject("parentReference");
        parent.put("driveType", "business");
        parent.put("driveId", item.driveId());
        return out;
    }

    /** Teams writes times with milliseconds. */
    static String millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static boolean onlyPolicyViolation(JsonNode patch) {
        if (patch == null || !patch.isObject() || patch.isEmpty()) {
            return false;
        }
        for (String name : patch.propertyNames()) {
            if (!name.equals("policyViolation") && !name.startsWith("@odata")) {
                return false;
            }
        }
        return true;
    }
}
