package io.palisade.simulator.control;

import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.server.Router;
import io.palisade.simulator.server.Routes;
import io.palisade.simulator.state.Chat;
import io.palisade.simulator.state.ChatMessage;
import io.palisade.simulator.state.DriveItem;
import io.palisade.simulator.state.Mailbox;
import io.palisade.simulator.state.SimState;
import io.palisade.simulator.state.Tenant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Control API for Teams: creates chats and posts messages into them, with files (stored in the sender's OneDrive and
 * linked as {@code reference} attachments) and inline images (hosted contents). Subscribers are notified.
 */
public final class TeamsControl implements Routes {

    private static final Logger LOG = LoggerFactory.getLogger(TeamsControl.class);

    private final SimState state;

    public TeamsControl(SimState state) {
        this.state = state;
    }

    @Override
    public void register(Router router) {
        String chats = "/_sim/tenants/{tenant}/chats";
        router.post(chats, this::createChat)
                .post(chats + "/{chat}/messages", this::post)
                .get(chats + "/{chat}/messages/{id}", this::messageState)
                .post("/_sim/tenants/{tenant}/teams/posts", this::trafficPost);
    }

    private Response createChat(Request request) {
        Tenant tenant = tenant(request);
        JsonNode json = body(request);
        List<String> members = members(tenant, json.get("members"));
        if (members.size() < 2) {
            throw ControlErrors.badRequest("a chat needs at least two members");
        }
        Chat chat = tenant.teams()
                .createChat(Json.text(json, "topic"), members, state.clock().instant());
        return Response.json(201, Json.write(chatJson(chat)));
    }

    private Response post(Request request) {
        Tenant tenant = tenant(request);
        Chat chat = tenant.teams().chat(request.param("chat")).orElseThrow(() -> ControlErrors.notFound("chat"));
        JsonNode json = body(request);
        ChatMessage.Sender sender = sender(tenant, json);
        ChatMessage message = post(tenant, chat, sender, json);
        return Response.json(201, Json.write(messageJson(message)));
    }

    /** What the traffic generator sends: a post by {@code sender} to a chat of the recipients with that topic. */
    private Response trafficPost(Request request) {
        Tenant tenant = tenant(request);
        JsonNode json = body(request);
        List<String> members = members(tenant, json.get("recipients"));
        JsonNode from = json.get("sender");
        boolean external =
                from != null && from.has("external") && from.get("external").asBoolean();
        String address = Json.text(from, "address");
        if (!external && address != null) {
            tenant.mailbox(address).ifPresent(m -> {
                if (!members.contains(m.id())) {
                    members.addFirst(m.id());
                }
            });
        }
        String topic = Json.text(json, "topic");
        String chatTopic = topic == null || topic.isEmpty() ? null : topic;
        Chat chat = tenant.teams()
                .chatByTopic(chatTopic, members)
                .orElseGet(() -> tenant.teams()
                        .createChat(chatTopic, members, state.clock().instant()));
        ObjectNode spec = Json.object();
        spec.put("html", Json.text(json, "html"));
        if (external || address == null) {
            ObjectNode ext = spec.putObject("fromExternal");
            ext.put("displayName", Json.text(from, "displayName"));
            ext.put("address", address);
        } else {
            spec.put("from", address);
        }
        if (json.has("fileName")) {
            ObjectNode file = spec.putArray("files").addObject();
            file.put("name", Json.text(json, "fileName"));
            file.put("contentType", Json.text(json, "contentType"));
            file.put("contentBase64", Json.text(json, "contentBase64"));
        }
        ChatMessage message = post(tenant, chat, sender(tenant, spec), spec);
        return Response.json(201, Json.write(messageJson(message)));
    }

    private ChatMessage post(Tenant tenant, Chat chat, ChatMessage.Sender sender, JsonNode json) {
        Instant now = state.clock().instant();
        String html = Json.text(json, "html") == null ? "" : Json.text(json, "html");
        List<ChatMessage.Attachment> attachments = new ArrayList<>();
        StringBuilder tail = new StringBuilder();
        for (JsonNode file : iterable(json.get("files"))) {
            String name = Json.text(file, "name");
            String id = tenant.teams().newId();
            String url = oneDriveUrl(tenant, sender, name);
            tenant.teams()
                    .addFile(new DriveItem(
                            "01" + id.replace("-", "").toUpperCase(Locale.ROOT).substring(0, 30),
                            "b!" + id.replace("-", ""),
                            name,
                            Json.text(file, "contentType"),
                            url,
                            sender.userId(),
                            now,
                            decode(file)));
            attachments.add(new ChatMessage.Attachment(id, "reference", url, name));
            tail.append("<attachment id=\"").append(id).append("\"></attachment>");
        }
        List<ChatMessage.HostedContent> hosted = new ArrayList<>();
        for (JsonNode image : iterable(json.get("images"))) {
            String id = Base64.getEncoder()
                    .encodeToString(
                            ("id=x_0-" + tenant.teams().newId() + ",type=1").getBytes(StandardCharsets.US_ASCII));
            hosted.add(new ChatMessage.HostedContent(id, Json.text(image, "contentType"), decode(image)));
        }
        String body = html + tail;
        ChatMessage message = tenant.teams()
                .post(chat, sender, messageId -> body + images(chat, messageId, hosted), attachments, hosted, now);
        LOG.info(
                "event=chat_message_posted tenant={} files={} images={}",
                tenant.id(),
                attachments.size(),
                hosted.size());
        state.publishChat(tenant, chat, message, "created");
        return message;
    }

    private static String images(Chat chat, String messageId, List<ChatMessage.HostedContent> hosted) {
        StringBuilder out = new StringBuilder();
        for (ChatMessage.HostedContent h : hosted) {
            out.append("<p><img src=\"https://graph.microsoft.com/v1.0/chats/")
                    .append(chat.id())
                    .append("/messages/")
                    .append(messageId)
                    .append("/hostedContents/")
                    .append(h.id())
                    .append("/$value\" itemtype=\"http://schema.skype.com/AMSImage\"></p>");
        }
        return out.toString();
    }

    /**
     * Chat files live in the sender's OneDrive, under "Microsoft Teams Chat Files". Not yet: an external sender's
     * file is stored in this tenant too, so /shares resolves it where real Graph would refuse another tenant's drive.
     */
    private static String oneDriveUrl(Tenant tenant, ChatMessage.Sender sender, String name) {
        String owner = sender.displayName() == null ? "user" : sender.displayName();
        String host = tenant.domain().split("\\.")[0];
        String personal = tenant.mailbox(sender.userId())
                .map(Mailbox::userPrincipalName)
                .orElse(owner)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "_");
        return "https://" + host + "-my.sharepoint.com/personal/" + personal
                + "/Documents/Microsoft%20Teams%20Chat%20Files/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static ChatMessage.Sender sender(Tenant tenant, JsonNode json) {
        String from = Json.text(json, "from");
        if (from != null) {
            Mailbox m = tenant.mailbox(from).orElseThrow(() -> ControlErrors.notFound("sender mailbox"));
            return new ChatMessage.Sender(m.id(), m.displayName(), tenant.id());
        }
        JsonNode ext = json.get("fromExternal");
        if (ext == null) {
            throw ControlErrors.badRequest("give from (a mailbox) or fromExternal {displayName}");
        }
        String tenantId = Json.text(ext, "tenantId") != null
                ? Json.text(ext, "tenantId")
                : java.util
                        .UUID
                        .nameUUIDFromBytes(
                                String.valueOf(Json.text(ext, "address")).getBytes(StandardCharsets.UTF_8))
                        .toString();
        return new ChatMessage.Sender(java.util.UUID.randomUUID().toString(), Json.text(ext, "displayName"), tenantId);
    }

    private static List<String> members(Tenant tenant, JsonNode names) {
        List<String> out = new ArrayList<>();
        for (JsonNode name : iterable(names)) {
            Mailbox m = tenant.mailbox(name.asString())
                    .orElseThrow(() -> ControlErrors.notFound("mailbox " + name.asString()));
            if (!out.contains(m.id())) {
                out.add(m.id());
            }
        }
        return out;
    }

    private Response messageState(Request request) {
        Tenant tenant = tenant(request);
        Chat chat = tenant.teams().chat(request.param("chat")).orElseThrow(() -> ControlErrors.notFound("chat"));
        ChatMessage message = chat.message(request.param("id")).orElseThrow(() -> ControlErrors.notFound("message"));
        return Response.json(200, Json.write(messageJson(message)));
    }

    private static ObjectNode chatJson(Chat chat) {
        ObjectNode out = Json.object();
        out.put("id", chat.id());
        out.put("topic", chat.topic());
        out.put("chatType", chat.chatType());
        ArrayNode members = out.putArray("members");
        chat.memberIds().forEach(members::add);
        return out;
    }

    private static ObjectNode messageJson(ChatMessage message) {
        ObjectNode out = Json.object();
        out.put("id", message.id());
        out.put("chatId", message.chatId());
        out.put("html", message.html());
        ArrayNode attachments = out.putArray("attachments");
        for (ChatMessage.Attachment a : message.attachments()) {
            ObjectNode j = attachments.addObject();
            j.put("id", a.id());
            j.put("name", a.name());
            j.put("contentUrl", a.contentUrl());
        }
        ArrayNode hosted = out.putArray("hostedContents");
        message.hostedContents().forEach(h -> hosted.add(h.id()));
        String violation = message.policyViolationJson();
        if (violation != null) {
            out.set("policyViolation", Json.parseOrNull(violation.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static byte[] decode(JsonNode file) {
        String base64 = Json.text(file, "contentBase64");
        try {
            return base64 == null ? new byte[0] : Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ControlErrors.badRequest("contentBase64 is not base64");
        }
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node != null && node.isArray() ? node : List.of();
    }

    private Tenant tenant(Request request) {
        return state.tenant(request.param("tenant")).orElseThrow(() -> ControlErrors.notFound("tenant"));
    }

    private static JsonNode body(Request request) {
        JsonNode json = request.body().length == 0 ? Json.object() : Json.parseOrNull(request.body());
        if (json == null || !json.isObject()) {
            throw ControlErrors.badRequest("the body must be a JSON object");
        }
        return json;
    }
}
