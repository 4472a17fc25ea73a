package io.palisade.simulator.graph;

import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.state.Group;
import io.palisade.simulator.state.Mailbox;
import io.palisade.simulator.state.Tenant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /groups} and {@code /groups/{id}} (paged with {@code $skiptoken}), and {@code /groups/{id}/transitiveMembers}:
 * every member of the group and of the groups nested in it, as directory objects tagged with {@code @odata.type}.
 * An app without a user-reading role sees a user member as its type and id only, as Graph limits inaccessible
 * member objects.
 */
final class GroupsApi {

    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 999;

    private final GraphSupport support;

    GroupsApi(GraphSupport support) {
        this.support = support;
    }

    Response list(Request request) {
        GraphSupport.require(request, Roles.GROUP_MEMBER_READ);
        ODataQuery query = ODataQuery.of(request, DEFAULT_PAGE, MAX_PAGE);
        List<Group> all = support.tenant(request).groups();
        return page(request, query, "groups", all.size(), (value, i) -> value.add(render(all.get(i), query)));
    }

    Response get(Request request) {
        GraphSupport.require(request, Roles.GROUP_MEMBER_READ);
        Group group = group(request);
        ObjectNode body = render(group, ODataQuery.of(request, 1, 1));
        body.put("@odata.context", GraphSupport.serviceRoot(request) + "/$metadata#groups/$entity");
        return Response.json(200, Json.write(body));
    }

    // Not yet: no $filter, $count or OData cast segment here, and /members (direct only) is not served.
    Response transitiveMembers(Request request) {
        GraphSupport.require(request, Roles.GROUP_MEMBER_READ);
        Tenant tenant = support.tenant(request);
        List<String> members = tenant.transitiveMembers(group(request));
        ODataQuery query = ODataQuery.of(request, DEFAULT_PAGE, MAX_PAGE);
        boolean readsUsers = GraphSupport.token(request).hasAnyRole(Roles.USER_READ);
        return page(
                request,
                query,
                "directoryObjects",
                members.size(),
                (value, i) -> member(tenant, members.get(i)).ifPresent(m -> value.add(m.render(query, readsUsers))));
    }

    private Group group(Request request) {
        String id = request.param("group");
        return support.tenant(request)
                .group(id)
                .orElseThrow(() -> GraphErrors.error(
                        404,
                        "Request_ResourceNotFound",
                        "Resource '" + id + "' does not exist or one of its queried reference-property objects"
                                + " are not present."));
    }

    private interface Row {
        void add(ArrayNode value, int index);
    }

    private static Response page(Request request, ODataQuery query, String context, int size, Row row) {
        int offset = Math.min(SkipTokens.decode(query.skipToken()), size);
        int end = Math.min(size, offset + query.top());
        ObjectNode body = Json.object();
        body.put("@odata.context", GraphSupport.serviceRoot(request) + "/$metadata#" + context);
        ArrayNode value = body.putArray("value");
        for (int i = offset; i < end; i++) {
            row.add(value, i);
        }
        if (end < size) {
            body.put("@odata.nextLink", GraphSupport.linkWith(request, Map.of("$skiptoken", SkipTokens.encode(end))));
        }
        return Response.json(200, Json.write(body));
    }

    /** A member is a user or a group; one deleted since it was added is left out. */
    private record Member(Mailbox user, Group group) {
        ObjectNode render(ODataQuery query, boolean readsUsers) {
            if (group != null) {
                ObjectNode out = Json.object();
                out.put("@odata.type", "#microsoft.graph.group");
                out.setAll(GroupsApi.render(group, query));
                return out;
            }
            ObjectNode out = Json.object();
            out.put("@odata.type", "#microsoft.graph.user");
            if (readsUsers) {
                out.setAll(UsersApi.render(user, query));
            } else {
                out.put("id", user.id());
            }
            return out;
        }
    }

    private static Optional<Member> member(Tenant tenant, String id) {
        Optional<Group> group = tenant.group(id);
        if (group.isPresent()) {
            return Optional.of(new Member(null, group.get()));
        }
        return tenant.mailbox(id).map(user -> new Member(user, null));
    }

    private static ObjectNode render(Group group, ODataQuery query) {
        ObjectNode out = Json.object();
        out.put("id", group.id());
        if (query.wants("displayName")) {
            out.put("displayName", group.displayName());
        }
        if (query.wants("groupTypes")) {
            out.putArray("groupTypes");
        }
        if (query.wants("mailEnabled")) {
            out.put("mailEnabled", false);
        }
        if (query.wants("mailNickname")) {
            out.put("mailNickname", group.mailNickname());
        }
        if (query.wants("securityEnabled")) {
            out.put("securityEnabled", true);
        }
        if (query.wants("mail")) {
            out.putNull("mail");
        }
        return out;
    }
}
