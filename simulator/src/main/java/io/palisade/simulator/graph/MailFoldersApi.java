package io.palisade.simulator.graph;

import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.state.MailFolder;
import io.palisade.simulator.state.Mailbox;
import io.palisade.simulator.state.StoredMessage;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Mail folders: the top level, one folder (by id or well-known name), child folders, creation. */
final class MailFoldersApi {

    private static final int DEFAULT_PAGE = 10;
    private static final int MAX_PAGE = 1000;

    private final GraphSupport support;

    MailFoldersApi(GraphSupport support) {
        this.support = support;
    }

    Response listTop(Request request) {
        GraphSupport.require(request, Roles.MAIL_READ_BASIC);
        Mailbox mailbox = support.mailbox(request);
        return list(request, mailbox, GraphSupport.folder(mailbox, "msgfolderroot"));
    }

    Response listChildren(Request request) {
        GraphSupport.require(request, Roles.MAIL_READ_BASIC);
        Mailbox mailbox = support.mailbox(request);
        return list(request, mailbox, GraphSupport.folder(mailbox, request.param("folder")));
    }

    private static Response list(Request request, Mailbox mailbox, MailFolder parent) {
        ODataQuery query = ODataQuery.of(request, DEFAULT_PAGE, MAX_PAGE);
        boolean includeHidden = "true".equalsIgnoreCase(request.query("includeHiddenFolders"));
        List<MailFolder> children = mailbox.childFolders(parent.id()).stream()
                .filter(f -> includeHidden || !f.hidden())
                .toList();
        ObjectNode body = Json.object();
        body.put(
                "@odata.context",
                GraphSupport.serviceRoot(request) + "/$metadata#users('" + mailbox.id() + "')/mailFolders");
        ArrayNode value = body.putArray("value");
        int end = Math.min(children.size(), query.skip() + query.top());
        for (MailFolder folder : children.subList(Math.min(query.skip(), children.size()), end)) {
            value.add(render(mailbox, folder));
        }
        if (end < children.size()) {
            body.put("@odata.nextLink", GraphSupport.linkWith(request, Map.of("$skip", Integer.toString(end))));
        }
        return Response.json(200, Json.write(body));
    }

    Response get(Request request) {
        GraphSupport.require(request, Roles.MAIL_READ_BASIC);
        Mailbox mailbox = support.mailbox(request);
        ObjectNode body = render(mailbox, GraphSupport.folder(mailbox, request.param("folder")));
        body.put(
                "@odata.context",
                GraphSupport.serviceRoot(request) + "/$metadata#users('" + mailbox.id() + "')/mailFolders/$entity");
        return Response.json(200, Json.write(body));
    }

    Response createTop(Request request) {
        GraphSupport.require(request, Roles.MAIL_WRITE);
        Mailbox mailbox = support.mailbox(request);
        return create(request, mailbox, GraphSupport.folder(mailbox, "msgfolderroot"));
    }

    Response createChild(Request request) {
        GraphSupport.require(request, Roles.MAIL_WRITE);
        Mailbox mailbox = support.mailbox(request);
        return create(request, mailbox, GraphSupport.folder(mailbox, request.param("folder")));
    }

    private static Response create(Request request, Mailbox mailbox, MailFolder parent) {
        JsonNode json = Json.parseOrNull(request.body());
        String name = Json.text(json, "displayName");
        if (name == null || name.isBlank()) {
            throw GraphErrors.error(400, "ErrorInvalidRequest", "The folder name is missing.");
        }
        boolean hidden = json.has("isHidden") && json.get("isHidden").asBoolean();
        MailFolder folder;
        try {
            folder = mailbox.createFolder(parent.id(), name, hidden);
        } catch (IllegalStateException e) {
            throw GraphErrors.error(409, "ErrorFolderExists", "A folder with the specified name already exists.");
        }
        ObjectNode body = render(mailbox, folder);
        body.put(
                "@odata.context",
                GraphSupport.serviceRoot(request) + "/$metadata#users('" + mailbox.id() + "')/mailFolders/$entity");
        return Response.json(201, Json.write(body));
    }

    static ObjectNode render(Mailbox mailbox, MailFolder folder) {
        List<StoredMessage> messages = mailbox.messagesIn(folder.id());
        ObjectNode out = Json.object();
        out.put("id", folder.id());
        out.put("displayName", folder.displayName());
        out.put("parentFolderId", folder.parentFolderId());
        out.put("childFolderCount", mailbox.childFolders(folder.id()).size());
        out.put("unreadItemCount", messages.stream().filter(m -> !m.read()).count());
        out.put("totalItemCount", messages.size());
        out.put(
                "sizeInBytes",
                messages.stream()
                        .mapToLong(m -> m.mime() == null ? 0 : m.mime().size())
                        .sum());
        out.put("isHidden", folder.hidden());
        return out;
    }
}
