package io.palisade.simulator.graph;

import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.state.Mailbox;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /users} (paged with {@code $skiptoken}) and {@code /users/{id}}. */
final class UsersApi {

    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 999;

    private final GraphSupport support;

    UsersApi(GraphSupport support) {
        this.support = support;
    }

    Response list(Request request) {
        GraphSupport.require(request, Roles.USER_READ);
        ODataQuery query = ODataQuery.of(request, DEFAULT_PAGE, MAX_PAGE);
        List<Mailbox> all = support.tenant(request).mailboxes();
        int offset = SkipTokens.decode(query.skipToken());
        ObjectNode body = Json.object();
        body.put("@odata.context", GraphSupport.serviceRoot(request) + "/$metadata#users");
        ArrayNode value = body.putArray("value");
        int end = Math.min(all.size(), offset + query.top());
        for (Mailbox mailbox : all.subList(Math.min(offset, all.size()), end)) {
            value.add(render(mailbox, query));
        }
        if (end < all.size()) {
            body.put("@odata.nextLink", GraphSupport.linkWith(request, Map.of("$skiptoken", SkipTokens.encode(end))));
        }
        return Response.json(200, Json.write(body));
    }

    Response get(Request request) {
        GraphSupport.require(request, Roles.USER_READ);
        String user = request.param("user");
        Mailbox mailbox = support.tenant(request)
                .mailbox(user)
                .orElseThrow(() -> GraphErrors.error(
                        404,
                        "Request_ResourceNotFound",
                        "Resource '" + user + "' does not exist or one of its queried reference-property objects"
                                + " are not present."));
        ObjectNode body = render(mailbox, ODataQuery.of(request, 1, 1));
        body.put("@odata.context", GraphSupport.serviceRoot(request) + "/$metadata#users/$entity");
        return Response.json(200, Json.write(body));
    }

    static ObjectNode render(Mailbox mailbox, ODataQuery query) {
        ObjectNode out = Json.object();
        String[] names = mailbox.displayName().split(" ", 2);
        if (query.wants("businessPhones")) {
            out.putArray("businessPhones");
        }
        put(out, query, "displayName", mailbox.displayName());
        put(out, query, "givenName", names[0]);
        put(out, query, "jobTitle", null);
        put(out, query, "mail", mailbox.userPrincipalName());
        put(out, query, "mobilePhone", null);
        put(out, query, "officeLocation", null);
        put(out, query, "preferredLanguage", mailbox.preferredLanguage());
        put(out, query, "surname", names.length > 1 ? names[1] : null);
        put(out, query, "userPrincipalName", mailbox.userPrincipalName());
        out.put("id", mailbox.id());
        return out;
    }

    private static void put(ObjectNode out, ODataQuery query, String name, String value) {
        if (query.wants(name)) {
            out.put(name, value);
        }
    }
}
