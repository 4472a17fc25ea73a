package io.palisade.simulator.graph;

import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.state.Chat;
import io.palisade.simulator.state.ChatMessage;
import io.palisade.simulator.state.DriveItem;
import io.palisade.simulator.state.Mailbox;
import io.palisade.simulator.state.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Teams chats and chat messages (with {@code reference} attachments and hosted contents), the PATCH of a message's
 * {@code policyViolation}, and the shares API that resolves an attachment's {@code contentUrl} to its file.
 *
 * <p>Not yet: channel messages, replies and chat members; a connector reading channels gets Graph's unknown-segment
 * 400.
 */
final class TeamsApi {

    static final Duration DOWNLOAD_URL_LIFETIME = Duration.ofMinutes(5);
    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_PAGE = 50;
    private static final Logger LOG = LoggerFactory.getLogger(TeamsApi.class);

    private final GraphSupport support;
    private final Clock clock;
    private final Map<String, Download> downloads = new ConcurrentHashMap<>();

    TeamsApi(GraphSupport support, Clock clock) {
        this.support = support;
        this.clock = clock;
    }

    /** A pre-authenticated download URL's target. */
    private record Download(DriveItem item, Instant expires) {}

    Response userChats(Request request) {
        GraphSupport.require(request, Roles.CHAT_READ);
        Tenant tenant = support.tenant(request);
        Mailbox mailbox = support.mailbox(request);
        ObjectNode body = Json.object();
        body.put("@odata.context", GraphSupport.serviceRoot(request) + "/$metadata#chats");
        ArrayNode value = body.putArray("value");
        tenant.teams().chatsOf(mailbox.id()).forEach(c -> value.add(ChatJson.chat(c, tenant.id())));
        return Response.json(200, Json.write(body));
    }

    Response chat(Request request) {
        GraphSupport.require(request, Roles.CHAT_READ);
        Tenant tenant = support.tenant(request);
        ObjectNode body = ChatJson.chat(chat(request, tenant), tenant.id());
        body.put("@odata.context", GraphSupport.serviceRoot(request) + "/$metadata#chats/$entity");
        return Response.json(200, Json.write(body));
    }

    /**
     * A chat's messages, newest first. As chat-list-messages documents, {@code $filter} on lastModifiedDateTime
     * ({@code gt}, {@code lt}) applies only with {@code $orderby=lastModifiedDateTime desc}; otherwise it is ignored.
     */
    Response messages(Request request) {
        GraphSupport.require(request, Roles.CHAT_READ);
        Tenant tenant = support.tenant(request);
        List<ChatMessage> all = chat(request, tenant).messages().reversed();
        String orderBy = request.query("$orderby");
        if (orderBy != null && orderBy.trim().toLowerCase(java.util.Locale.ROOT).startsWith("lastmodifieddatetime")) {
            all = ModifiedFilter.parse(request.query("$filter")).apply(all).stream()
                    .sorted(java.util.Comparator.comparing(ChatMessage::lastModified)
                            .reversed())
                    .toList();
        }
        return page(request, all, "/$metadata#chats('" + request.param("chat") + "')/messages");
    }

    /**
     * {@code /users/{id}/chats/getAllMessages}: every message of every chat the user is in, oldest first, narrowed by
     * a {@code $filter} date range on lastModifiedDateTime ({@code gt}, {@code lt}, joined by {@code and}) as
     * chats-getallmessages documents.
     */
    Response allMessagesOfUser(Request request) {
        GraphSupport.require(request, Roles.CHAT_READ);
        Tenant tenant = support.tenant(request);
        Mailbox mailbox = support.mailbox(request);
        List<ChatMessage> all = tenant.teams().allMessages(tenant.teams().chatsOf(mailbox.id()));
        return page(
                request,
                ModifiedFilter.parse(request.query("$filter")).apply(all),
                "/$metadata#Collection(chatMessage)");
    }

    private static Response page(Request request, List<ChatMessage> all, String context) {
        ODataQuery query = ODataQuery.of(request, DEFAULT_PAGE, MAX_PAGE);
        int from = query.skipToken() == null ? 0 : skip(query.skipToken());
        int to = Math.min(all.size(), from + query.top());
        ObjectNode body = Json.object();
        body.put("@odata.context", GraphSupport.serviceRoot(request) + context);
        body.put("@odata.count", to - Math.min(from, to));
        ArrayNode value = body.putArray("value");
        all.subList(Math.min(from, to), to).forEach(m -> value.add(ChatJson.message(m)));
        if (to < all.size()) {
            String token = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(Integer.toString(to).getBytes(StandardCharsets.US_ASCII));
            body.put("@odata.nextLink", GraphSupport.linkWith(request, Map.of("$skiptoken", token)));
        }
        return Response.json(200, Json.write(body));
    }

    private static int skip(String token) {
        try {
            return Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw GraphErrors.badRequest("Invalid skip token.");
        }
    }

    Response message(Request request) {
        GraphSupport.require(request, Roles.CHAT_READ);
        Tenant tenant = support.tenant(request);
        ObjectNode body = ChatJson.message(message(request, chat(request, tenant)));
        body.put(
                "@odata.context",
                GraphSupport.serviceRoot(request) + "/$metadata#chats('" + request.param("chat")
                        + "')/messages/$entity");
        return Response.json(200, Json.write(body));
    }

    /** With application permissions only {@code policyViolation} may be changed (chatmessage-update). */
    Response patchMessage(Request request) {
        GraphSupport.require(request, Roles.CHAT_POLICY);
        Tenant tenant = support.tenant(request);
        Chat chat = chat(request, tenant);
        ChatMessage message = message(request, chat);
        JsonNode patch = Json.parseOrNull(request.body());
        if (!ChatJson.onlyPolicyViolation(patch)) {
            throw GraphErrors.error(
                    403, "Forbidden", "Only the policyViolation property can be updated with application permissions.");
        }
        JsonNode violation = patch.get("policyViolation");
        message.policyViolation(violation.isNull() ? null : Json.write(normalised(violation)), clock.instant());
        LOG.info("event=chat_policy_violation_set tenant={} cleared={}", tenant.id(), violation.isNull());
        support.state().publishChat(tenant, chat, message, "updated");
        return Response.empty(204);
    }

    /**
     * Graph accepts enum members in any case (the documentation's example sends {@code BlockAccess}) and answers them
     * in camel case, as the SDKs parse them.
     */
    private static JsonNode normalised(JsonNode violation) {
        if (!violation.isObject()) {
            return violation;
        }
        ObjectNode out = ((ObjectNode) violation).deepCopy();
        for (String field : List.of("dlpAction", "verdictDetails", "userAction")) {
            JsonNode value = out.get(field);
            if (value != null && value.isString()) {
                StringBuilder members = new StringBuilder();
                for (String member : value.asString().split(",")) {
                    String m = member.trim();
                    if (!m.isEmpty()) {
                        members.append(members.isEmpty() ? "" : ",")
                                .append(Character.toLowerCase(m.charAt(0)))
                                .append(m.substring(1));
                    }
                }
                out.put(field, members.toString());
            }
        }
        return out;
    }

    Response hostedContents(Request request) {
        GraphSupport.require(request, Roles.CHAT_READ);
        ChatMessage message = message(request, chat(request, support.tenant(request)));
        ObjectNode body = Json.object();
        body.put(
                "@odata.context",
                GraphSupport.serviceRoot(request) + "/$metadata#chats('" + request.param("chat") + "')/messages('"
                        + message.id() + "')/hostedContents");
        ArrayNode value = body.putArray("value");
        message.hostedContents().forEach(h -> value.add(ChatJson.hostedContent(h)));
        return Response.json(200, Json.write(body));
    }

    Response hostedContent(Request request) {
        GraphSupport.require(request, Roles.CHAT_READ);
        ChatMessage.HostedContent content = hosted(request);
        return Response.json(200, Json.write(ChatJson.hostedContent(content)));
    }

    Response hostedContentValue(Request request) {
        GraphSupport.require(request, Roles.CHAT_READ);
        ChatMessage.HostedContent content = hosted(request);
        return Response.bytes(200, content.contentType(), content.bytes());
    }

    private ChatMessage.HostedContent hosted(Request request) {
        ChatMessage message = message(request, chat(request, support.tenant(request)));
        return message.hostedContent(request.param("hosted"))
                .orElseThrow(() -> GraphErrors.error(404, "NotFound", "Hosted content not found."));
    }

    Response shareDriveItem(Request request) {
        GraphSupport.require(request, Roles.FILES_READ);
        DriveItem item = sharedItem(request);
        return Response.json(200, Json.write(ChatJson.driveItem(item, downloadUrl(request, item))));
    }

    /** {@code /content} answers 302 to a short-lived URL that needs no Authorization header. */
    Response shareContent(Request request) {
        GraphSupport.require(request, Roles.FILES_READ);
        return Response.redirect(downloadUrl(request, sharedItem(request)));
    }

    /** The pre-authenticated download: no token, but only for a few minutes. */
    Response download(Request request) {
        Download download = downloads.get(request.param("token"));
        if (download == null || !clock.instant().isBefore(download.expires())) {
            return Response.json(
                    401,
                    "{\"error\":{\"code\":\"unauthenticated\",\"message\":\"The download URL" + " has expired.\"}}");
        }
        return Response.bytes(200, download.item().mimeType(), download.item().bytes());
    }

    private String downloadUrl(Request request, DriveItem item) {
        Instant now = clock.instant();
        downloads.entrySet().removeIf(e -> !now.isBefore(e.getValue().expires()));
        String token = UUID.randomUUID().toString().replace("-", "");
        downloads.put(token, new Download(item, now.plus(DOWNLOAD_URL_LIFETIME)));
        return request.baseUrl() + "/_sim/downloads/" + token;
    }

    private DriveItem sharedItem(Request request) {
        String share = request.param("share");
        String url = decodeShare(share);
        return support.tenant(request)
                .teams()
                .fileAt(url)
                .orElseThrow(() -> GraphErrors.error(
                        404,
                        "itemNotFound",
                        "The sharing link no longer exists, or you" + " do not have permission to access it."));
    }

    /** {@code u!} + unpadded base64url of the URL (shares-get). */
    static String decodeShare(String share) {
        if (share == null || !share.startsWith("u!")) {
            throw GraphErrors.error(400, "invalidRequest", "Invalid shares key.");
        }
        try {
            return new String(Base64.getUrlDecoder().decode(share.substring(2)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GraphErrors.error(400, "invalidRequest", "Invalid shares key.");
        }
    }

    /** The share id Graph expects for a URL. */
    static String encodeShare(String url) {
        return "u!" + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }

    private static Chat chat(Request request, Tenant tenant) {
        return tenant.teams()
                .chat(request.param("chat"))
                .orElseThrow(() -> GraphErrors.error(404, "NotFound", "Chat not found."));
    }

    private static ChatMessage message(Request request, Chat chat) {
        return chat.message(request.param("message"))
                .orElseThrow(() -> GraphErrors.error(404, "NotFound", "Message not found."));
    }
}
