package io.palisade.simulator.graph;

import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.state.MailFolder;
import io.palisade.simulator.state.Mailbox;
import io.palisade.simulator.state.StoredMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading and moving messages: list, get, {@code $value}, move, delete. */
final class MessagesApi {

    private static final int DEFAULT_PAGE = 10;
    private static final int MAX_PAGE = 1000;

    private final GraphSupport support;

    MessagesApi(GraphSupport support) {
        this.support = support;
    }

    Response list(Request request) {
        GraphSupport.require(request, Roles.MAIL_READ_BASIC);
        Mailbox mailbox = support.mailbox(request);
        String folderRef = request.paramOrNull("folder");
        ODataQuery query = ODataQuery.of(request, DEFAULT_PAGE, MAX_PAGE);
        Predicate<StoredMessage> filter = MessageFilter.compile(query.filter());
        List<StoredMessage> matching = new ArrayList<>();
        if (folderRef != null) {
            MailFolder folder = GraphSupport.folder(mailbox, folderRef);
            mailbox.messagesIn(folder.id()).stream().filter(filter).forEach(matching::add);
        } else {
            for (StoredMessage m : mailbox.messages()) {
                boolean visible =
                        !mailbox.folder(m.folderId()).map(MailFolder::hidden).orElse(true);
                if (visible && filter.test(m)) {
                    matching.add(m);
                }
            }
        }
        matching.sort(order(request.query("$orderby")));
        return page(request, mailbox, query, matching);
    }

    private static Comparator<StoredMessage> order(String orderBy) {
        Comparator<StoredMessage> newestFirst =
                Comparator.comparing(StoredMessage::receivedAt).reversed().thenComparing(StoredMessage::id);
        if (orderBy == null || orderBy.toLowerCase(Locale.ROOT).matches("receiveddatetime( desc)?")) {
            return newestFirst;
        }
        if (orderBy.equalsIgnoreCase("receivedDateTime asc")) {
            return Comparator.comparing(StoredMessage::receivedAt).thenComparing(StoredMessage::id);
        }
        throw GraphErrors.badRequest("The $orderby expression '" + orderBy + "' is not supported.");
    }

    private static Response page(Request request, Mailbox mailbox, ODataQuery query, List<StoredMessage> all) {
        boolean withBody = GraphSupport.token(request).hasAnyRole(Roles.MAIL_READ);
        ObjectNode body = Json.object();
        body.put(
                "@odata.context",
                GraphSupport.serviceRoot(request) + "/$metadata#users('" + mailbox.id() + "')/messages");
        ArrayNode value = body.putArray("value");
        int end = Math.min(all.size(), query.skip() + query.top());
        for (StoredMessage m : all.subList(Math.min(query.skip(), all.size()), end)) {
            value.add(MessageJson.render(m, mailbox, query, withBody));
        }
        if (end < all.size()) {
            body.put("@odata.nextLink", GraphSupport.linkWith(request, Map.of("$skip", Integer.toString(end))));
        }
        return Response.json(200, Json.write(body));
    }

    Response get(Request request) {
        GraphSupport.require(request, Roles.MAIL_READ_BASIC);
        Mailbox mailbox = support.mailbox(request);
        StoredMessage message = GraphSupport.message(request, mailbox);
        ODataQuery query = ODataQuery.of(request, 1, 1);
        boolean withBody = GraphSupport.token(request).hasAnyRole(Roles.MAIL_READ);
        ObjectNode body = MessageJson.render(message, mailbox, query, withBody);
        String expand = request.query("$expand");
        if (expand != null && expand.toLowerCase(Locale.ROOT).contains("singlevalueextendedproperties")) {
            MessageJson.expandExtendedProperties(body, message);
        }
        body.put(
                "@odata.context",
                GraphSupport.serviceRoot(request) + "/$metadata#users('" + mailbox.id() + "')/messages/$entity");
        return Response.json(200, Json.write(body));
    }

    /** The raw MIME of a message. */
    Response value(Request request) {
        GraphSupport.require(request, Roles.MAIL_READ);
        Mailbox mailbox = support.mailbox(request);
        StoredMessage message = GraphSupport.message(request, mailbox);
        byte[] mime = message.mime() != null ? message.mime().bytes() : MimeFromProperties.render(message);
        return Response.bytes(200, "text/plain", mime);
    }

    Response move(Request request) {
        GraphSupport.require(request, Roles.MAIL_WRITE);
        Mailbox mailbox = support.mailbox(request);
        StoredMessage message = GraphSupport.message(request, mailbox);
        JsonNode json = Json.parseOrNull(request.body());
        String destination = Json.text(json, "destinationId");
        if (destination == null) {
            throw GraphErrors.error(400, "ErrorInvalidIdMalformed", "Id is malformed.");
        }
        MailFolder target = GraphSupport.folder(mailbox, destination);
        StoredMessage moved = mailbox.move(message.id(), target.id()).orElseThrow(GraphErrors::itemNotFound);
        ObjectNode body = MessageJson.render(moved, mailbox, ODataQuery.of(request, 1, 1), true);
        body.put(
                "@odata.context",
                GraphSupport.serviceRoot(request) + "/$metadata#users('" + mailbox.id() + "')/messages/$entity");
        return Response.json(201, Json.write(body));
    }

    /** Soft delete: into Deleted Items, or from there into the recoverable items. */
    Response delete(Request request) {
        GraphSupport.require(request, Roles.MAIL_WRITE);
        Mailbox mailbox = support.mailbox(request);
        StoredMessage message = GraphSupport.message(request, mailbox);
        MailFolder deleted = GraphSupport.folder(mailbox, "deleteditems");
        String target = message.folderId().equals(deleted.id())
                ? GraphSupport.folder(mailbox, "recoverableitemsdeletions").id()
                : deleted.id();
        if (message.folderId().equals(target)) {
            mailbox.remove(message.id());
        } else {
            mailbox.move(message.id(), target);
        }
        return Response.empty(204);
    }

    /** Hard delete: gone from every folder the mailbox shows. */
    Response permanentDelete(Request request) {
        GraphSupport.require(request, Roles.MAIL_WRITE);
        Mailbox mailbox = support.mailbox(request);
        StoredMessage message = GraphSupport.message(request, mailbox);
        mailbox.remove(message.id());
        return Response.empty(204);
    }
}
