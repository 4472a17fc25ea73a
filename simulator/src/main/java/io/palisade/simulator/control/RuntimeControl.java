package io.palisade.simulator.control;

import io.palisade.simulator.graph.GraphRoutes;
import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.server.Router;
import io.palisade.simulator.server.Routes;
import io.palisade.simulator.server.TlsMaterial;
import io.palisade.simulator.state.FaultPlan;
import io.palisade.simulator.state.MailFolder;
import io.palisade.simulator.state.Mailbox;
import io.palisade.simulator.state.SimState;
import io.palisade.simulator.state.Subscription;
import io.palisade.simulator.state.Tenant;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Control API for the simulator itself: health, the TLS certificate, reset, faults, the simulated
 * clock, notification delivery, lifecycle events and expiring delta tokens.
 */
public final class RuntimeControl implements Routes {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeControl.class);

    private final SimState state;
    private final FaultPlan faults;
    private final GraphRoutes graph;
    private final TlsMaterial tls;
    private final Runnable reset;

    /**
     * Creates the runtime control API.
     *
     * @param reset forgets all state of every API family
     */
    public RuntimeControl(SimState state, FaultPlan faults, GraphRoutes graph, TlsMaterial tls, Runnable reset) {
        this.state = state;
        this.faults = faults;
        this.graph = graph;
        this.tls = tls;
        this.reset = reset;
    }

    @Override
    public void register(Router router) {
        router.get("/_sim/health", r -> Response.json(200, "{\"status\":\"UP\"}"))
                .get(
                        "/_sim/certificate",
                        r -> Response.bytes(
                                200,
                                "application/x-pem-file",
                                tls.certificatePem().getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .post("/_sim/reset", this::reset)
                .post("/_sim/faults", this::addFault)
                .delete("/_sim/faults", r -> {
                    faults.clear();
                    LOG.info("event=faults_cleared");
                    return Response.empty(204);
                })
                .post("/_sim/clock/advance", this::advanceClock)
                .get(
                        "/_sim/clock",
                        r -> Response.json(200, "{\"now\":\"" + state.clock().instant() + "\"}"))
                .get("/_sim/notifications", this::notificationStats)
                .post("/_sim/notifications/retry", r -> {
                    graph.notifications().retryNow();
                    return Response.empty(204);
                })
                .post("/_sim/notifications/policy", this::retryPolicy)
                .get("/_sim/tenants/{tenant}/subscriptions", this::subscriptions)
                .post("/_sim/tenants/{tenant}/subscriptions/{id}/lifecycle", this::lifecycle)
                .post("/_sim/tenants/{tenant}/mailboxes/{mailbox}/foreignSubscriptions", this::addForeign)
                .delete("/_sim/tenants/{tenant}/mailboxes/{mailbox}/foreignSubscriptions", this::removeForeign)
                .post("/_sim/tenants/{tenant}/mailboxes/{mailbox}/folders/{folder}/expireDelta", this::expireDelta);
    }

    private Response reset(Request request) {
        reset.run();
        LOG.info("event=state_reset");
        return Response.empty(204);
    }

    private Response addFault(Request request) {
        JsonNode json = object(request);
        String type = Json.text(json, "type");
        int count = json.has("count") ? json.get("count").asInt() : -1;
        String api = Json.text(json, "api");
        String path = Json.text(json, "pathContains");
        switch (type == null ? "" : type) {
            case "throttle" ->
                faults.addCallFault(
                        FaultPlan.CallKind.THROTTLE, api, path, 429, number(json, "retryAfterSeconds", 1), 0, count);
            case "serverError" ->
                faults.addCallFault(
                        FaultPlan.CallKind.SERVER_ERROR, api, path, (int) number(json, "status", 503), 0, 0, count);
            case "refuse" ->
                faults.addCallFault(
                        FaultPlan.CallKind.REFUSE, api, path, (int) number(json, "status", 403), 0, 0, count);
            case "latency" ->
                faults.addCallFault(FaultPlan.CallKind.LATENCY, api, path, 0, 0, number(json, "millis", 1000), count);
            case "dropNotifications" -> faults.dropNotifications(Math.max(1, count));
            case "duplicateNotifications" -> faults.duplicateNotifications(Math.max(1, count));
            case "reorderNotifications" -> faults.reorderNotifications(Math.max(1, count));
            case "ignoreContentPatch" -> faults.ignoreContentPatches(count);
            case "unreachableEndpoint" ->
                faults.endpointUnreachable(
                        !json.has("enabled") || json.get("enabled").asBoolean());
            default ->
                throw ControlErrors.badRequest("unknown fault type '" + type + "'; one of throttle,"
                        + " serverError, refuse, latency, dropNotifications, duplicateNotifications,"
                        + " reorderNotifications, ignoreContentPatch, unreachableEndpoint");
        }
        LOG.info("event=fault_added type={} count={}", type, count);
        return Response.empty(204);
    }

    private static long number(JsonNode json, String field, long fallback) {
        return json.has(field) ? json.get(field).asLong() : fallback;
    }

    private Response advanceClock(Request request) {
        JsonNode json = object(request);
        long seconds = number(json, "seconds", 0);
        if (seconds < 0) {
            throw ControlErrors.badRequest("the clock only moves forward");
        }
        state.clock().advance(Duration.ofSeconds(seconds));
        LOG.info("event=clock_advanced seconds={}", seconds);
        return Response.json(200, "{\"now\":\"" + state.clock().instant() + "\"}");
    }

    private Response notificationStats(Request request) {
        ObjectNode out = Json.object();
        out.put("delivered", graph.notifications().deliveredCount());
        out.put("dropped", graph.notifications().droppedCount());
        out.put("pending", graph.notifications().pendingCount());
        return Response.json(200, Json.write(out));
    }

    private Response retryPolicy(Request request) {
        JsonNode json = object(request);
        graph.notifications()
                .retryPolicy(
                        Duration.ofMillis(number(json, "retryBaseMillis", 1000)),
                        Duration.ofMillis(number(json, "retryMaxMillis", 30_000)));
        return Response.empty(204);
    }

    private Response subscriptions(Request request) {
        Tenant tenant = tenant(request);
        ObjectNode body = Json.object();
        ArrayNode value = body.putArray("value");
        for (Subscription s : tenant.subscriptionList()) {
            ObjectNode j = value.addObject();
            j.put("id", s.id());
            j.put("applicationId", s.applicationId());
            j.put("resource", s.spec().resource());
            j.put("changeType", String.join(",", s.spec().changeTypes()));
            j.put("notificationUrl", s.spec().notificationUrl());
            // So that a test can post a notification Palisade accepts as Graph's, without Graph sending it.
            j.put("clientState", s.spec().clientState());
            j.put("lifecycleNotificationUrl", s.spec().lifecycleNotificationUrl());
            j.put("expirationDateTime", s.expiration().toString());
            j.put("includeResourceData", s.spec().includeResourceData());
            j.put("reauthorizationRequired", s.reauthorizationRequired());
            j.put("active", s.activeAt(state.clock().instant()));
        }
        return Response.json(200, Json.write(body));
    }

    private Response lifecycle(Request request) {
        Tenant tenant = tenant(request);
        String event = Json.text(object(request), "event");
        if (event == null
                || !java.util.Set.of("reauthorizationRequired", "subscriptionRemoved", "missed")
                        .contains(event)) {
            throw ControlErrors.badRequest("event must be reauthorizationRequired, subscriptionRemoved or missed");
        }
        if (!graph.lifecycleEvent(tenant.id(), request.param("id"), event)) {
            throw ControlErrors.notFound("subscription with a lifecycleNotificationUrl");
        }
        return Response.empty(204);
    }

    private Response addForeign(Request request) {
        long count = number(object(request), "count", 1);
        if (count < 1 || count > 10_000) {
            throw ControlErrors.badRequest("count must be between 1 and 10000");
        }
        ArrayNode ids = Json.object().putArray("ids");
        graph.addForeignSubscriptions(tenant(request), request.param("mailbox"), (int) count)
                .forEach(ids::add);
        ObjectNode out = Json.object();
        out.set("ids", ids);
        return Response.json(200, Json.write(out));
    }

    private Response removeForeign(Request request) {
        ObjectNode out = Json.object();
        out.put("removed", graph.removeForeignSubscriptions(tenant(request), request.param("mailbox")));
        return Response.json(200, Json.write(out));
    }

    private Response expireDelta(Request request) {
        Mailbox mailbox =
                tenant(request).mailbox(request.param("mailbox")).orElseThrow(() -> ControlErrors.notFound("mailbox"));
        MailFolder folder = mailbox.folder(request.param("folder").toLowerCase(Locale.ROOT))
                .or(() -> mailbox.folder(request.param("folder")))
                .orElseThrow(() -> ControlErrors.notFound("folder"));
        folder.expireDeltaTokensUpTo(mailbox.changeSeq());
        LOG.info("event=delta_tokens_expired mailbox={}", mailbox.id());
        return Response.empty(204);
    }

    private Tenant tenant(Request request) {
        return state.tenant(request.param("tenant")).orElseThrow(() -> ControlErrors.notFound("tenant"));
    }

    private static JsonNode object(Request request) {
        JsonNode json = request.body().length == 0 ? Json.object() : Json.parseOrNull(request.body());
        if (json == null || !json.isObject()) {
            throw ControlErrors.badRequest("the body must be a JSON object");
        }
        return json;
    }
}
