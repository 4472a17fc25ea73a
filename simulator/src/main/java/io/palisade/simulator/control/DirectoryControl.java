package io.palisade.simulator.control;

import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.server.Router;
import io.palisade.simulator.server.Routes;
import io.palisade.simulator.state.Group;
import io.palisade.simulator.state.Mailbox;
import io.palisade.simulator.state.RequestLog;
import io.palisade.simulator.state.SimState;
import io.palisade.simulator.state.Tenant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Control API for a tenant's directory beyond its mailboxes: Entra groups and their members (users or nested groups),
 * a user's preferred language, and the count of Graph calls the tenant's apps made.
 */
public final class DirectoryControl implements Routes {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryControl.class);

    private final SimState state;

    public DirectoryControl(SimState state) {
        this.state = state;
    }

    @Override
    public void register(Router router) {
        String tenant = "/_sim/tenants/{tenant}";
        router.post(tenant + "/groups", this::createGroup)
                .get(tenant + "/groups", this::listGroups)
                .post(tenant + "/groups/{group}/members", this::addMember)
                .delete(tenant + "/groups/{group}/members/{member}", this::removeMember)
                .patch(tenant + "/mailboxes/{mailbox}", this::updateUser)
                .get(tenant + "/requests", this::requests)
                .delete(tenant + "/requests", this::clearRequests);
    }

    private Response createGroup(Request request) {
        Tenant tenant = tenant(request);
        JsonNode json = body(request);
        String name = Json.text(json, "displayName");
        if (name == null || name.isBlank()) {
            throw ControlErrors.badRequest("give the group a displayName");
        }
        Group group = tenant.addGroup(name, Json.text(json, "mailNickname"));
        JsonNode members = json.get("members");
        if (members != null && members.isArray()) {
            members.forEach(m -> group.addMember(memberId(tenant, m.asString())));
        }
        LOG.info(
                "event=group_created tenant={} group={} members={}",
                tenant.id(),
                group.id(),
                group.memberIds().size());
        return json(201, groupJson(group));
    }

    private Response listGroups(Request request) {
        ObjectNode body = Json.object();
        ArrayNode value = body.putArray("value");
        tenant(request).groups().forEach(g -> value.add(groupJson(g)));
        return json(200, body);
    }

    private Response addMember(Request request) {
        Tenant tenant = tenant(request);
        Group group = group(tenant, request);
        String member = memberId(tenant, Json.text(body(request), "member"));
        if (member.equals(group.id())) {
            throw ControlErrors.badRequest("a group cannot be its own member");
        }
        group.addMember(member);
        return json(200, groupJson(group));
    }

    private Response removeMember(Request request) {
        Tenant tenant = tenant(request);
        Group group = group(tenant, request);
        if (!group.removeMember(memberId(tenant, request.param("member")))) {
            throw ControlErrors.notFound("member of this group");
        }
        return Response.empty(204);
    }

    private Response updateUser(Request request) {
        Tenant tenant = tenant(request);
        Mailbox mailbox = tenant.mailbox(request.param("mailbox")).orElseThrow(() -> ControlErrors.notFound("mailbox"));
        JsonNode json = body(request);
        if (!json.has("preferredLanguage")) {
            throw ControlErrors.badRequest("only preferredLanguage can be changed");
        }
        JsonNode language = json.get("preferredLanguage");
        mailbox.preferredLanguage(language.isNull() ? null : language.asString());
        ObjectNode out = Json.object();
        out.put("id", mailbox.id());
        out.put("userPrincipalName", mailbox.userPrincipalName());
        out.put("displayName", mailbox.displayName());
        out.put("preferredLanguage", mailbox.preferredLanguage());
        return json(200, out);
    }

    private Response requests(Request request) {
        Tenant tenant = tenant(request);
        ObjectNode body = Json.object();
        ArrayNode value = body.putArray("value");
        for (Map.Entry<RequestLog.Shape, Long> e :
                state.requests().counts(tenant.id()).entrySet()) {
            ObjectNode row = value.addObject();
            row.put("method", e.getKey().method());
            row.put("path", e.getKey().path());
            row.put("inBatch", e.getKey().inBatch());
            row.put("count", e.getValue());
        }
        return json(200, body);
    }

    private Response clearRequests(Request request) {
        state.requests().clear(tenant(request).id());
        return Response.empty(204);
    }

    /** A member named by user id, principal name or group id. */
    private static String memberId(Tenant tenant, String idOrName) {
        if (idOrName == null) {
            throw ControlErrors.badRequest("name the member by user id, principal name or group id");
        }
        return tenant.group(idOrName)
                .map(Group::id)
                .or(() -> tenant.mailbox(idOrName).map(Mailbox::id))
                .orElseThrow(() -> ControlErrors.notFound("user or group " + idOrName));
    }

    private static ObjectNode groupJson(Group group) {
        ObjectNode out = Json.object();
        out.put("id", group.id());
        out.put("displayName", group.displayName());
        out.put("mailNickname", group.mailNickname());
        ArrayNode members = out.putArray("members");
        group.memberIds().forEach(members::add);
        return out;
    }

    private Tenant tenant(Request request) {
        return state.tenant(request.param("tenant")).orElseThrow(() -> ControlErrors.notFound("tenant"));
    }

    private static Group group(Tenant tenant, Request request) {
        return tenant.group(request.param("group")).orElseThrow(() -> ControlErrors.notFound("group"));
    }

    private static JsonNode body(Request request) {
        if (request.body().length == 0) {
            return Json.object();
        }
        JsonNode json = Json.parseOrNull(request.body());
        if (json == null || !json.isObject()) {
            throw ControlErrors.badRequest("the body must be a JSON object");
        }
        return json;
    }

    private static Response json(int status, JsonNode body) {
        return Response.json(status, Json.write(body));
    }
}
