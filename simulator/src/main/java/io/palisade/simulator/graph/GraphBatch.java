package io.palisade.simulator.graph;

import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.server.Router;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON batching ({@code POST /$batch}): at most 20 requests, each served as if sent alone (so each is authenticated,
 * throttled and faulted on its own), at most 4 at a time as Outlook runs them; a request waits for those it
 * {@code dependsOn}, and gets 424 when one of them failed. The batch itself answers 200 once it parses.
 */
final class GraphBatch {

    static final int MAX_REQUESTS = 20;
    static final int PARALLEL = 4;

    Response handle(Router router, Request outer) throws Exception {
        if (outer.header("Authorization") == null) {
            throw GraphErrors.error(401, "InvalidAuthenticationToken", "Access token is empty.");
        }
        List<Item> items = parse(outer);
        Map<String, ObjectNode> done = new HashMap<>();
        try (ExecutorService pool =
                Executors.newFixedThreadPool(PARALLEL, Thread.ofVirtual().factory())) {
            List<Item> waiting = new ArrayList<>(items);
            while (!waiting.isEmpty()) {
                List<Item> ready = waiting.stream()
                        .filter(i -> done.keySet().containsAll(i.dependsOn()))
                        .toList();
                Map<Item, Future<ObjectNode>> running = new LinkedHashMap<>();
                for (Item item : ready) {
                    if (item.dependsOn().stream()
                            .anyMatch(d -> done.get(d).get("status").asInt() >= 400)) {
                        done.put(item.id(), failedDependency(item.id()));
                    } else {
                        running.put(item, pool.submit(() -> serve(router, outer, item)));
                    }
                }
                for (Map.Entry<Item, Future<ObjectNode>> e : running.entrySet()) {
                    done.put(e.getKey().id(), e.getValue().get());
                }
                waiting.removeAll(ready);
            }
        }
        ObjectNode body = Json.object();
        ArrayNode responses = body.putArray("responses");
        items.forEach(i -> responses.add(done.get(i.id())));
        return Response.json(200, Json.write(body));
    }

    /** One request of the batch. */
    private record Item(
            String id, String method, String url, Map<String, String> headers, byte[] body, List<String> dependsOn) {}

    private static List<Item> parse(Request outer) {
        JsonNode json = Json.parseOrNull(outer.body());
        JsonNode requests = json == null ? null : json.get("requests");
        if (requests == null || !requests.isArray() || requests.isEmpty()) {
            throw GraphErrors.badRequest("Invalid batch payload format.");
        }
        if (requests.size() > MAX_REQUESTS) {
            throw GraphErrors.badRequest("The number of batch requests exceeds the limit of " + MAX_REQUESTS + ".");
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode r : requests) {
            String id = Json.text(r, "id");
            String method = Json.text(r, "method");
            String url = Json.text(r, "url");
            if (id == null || method == null || url == null) {
                throw GraphErrors.badRequest("Each batch request needs id, method and url.");
            }
            if (items.stream().anyMatch(i -> i.id().equals(id))) {
                throw GraphErrors.badRequest("Batch request ids must be unique: " + id);
            }
            Map<String, String> headers = new HashMap<>();
            JsonNode h = r.get("headers");
            if (h != null && h.isObject()) {
                h.properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
            }
            items.add(new Item(
                    id,
                    method.toUpperCase(Locale.ROOT),
                    url,
                    headers,
                    body(r.get("body"), headers),
                    dependsOn(r.get("dependsOn"))));
        }
        for (Item item : items) {
            for (String d : item.dependsOn()) {
                if (items.stream().noneMatch(i -> i.id().equals(d)) || d.equals(item.id())) {
                    throw GraphErrors.badRequest("dependsOn names an unknown request: " + d);
                }
            }
        }
        return items;
    }

    private static List<String> dependsOn(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(n.asString()));
        }
        return out;
    }

    /** JSON bodies come as objects; others (e.g. base64 MIME) as strings. */
    private static byte[] body(JsonNode body, Map<String, String> headers) {
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        if (body.isString()) {
            return body.asString().getBytes(StandardCharsets.UTF_8);
        }
        headers.putIfAbsent("Content-Type", "application/json");
        return Json.write(body).getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode serve(Router router, Request outer, Item item) throws Exception {
        String version = outer.segments().getFirst();
        String url = item.url().startsWith("/") ? item.url() : "/" + item.url();
        int q = url.indexOf('?');
        Map<String, String> headers = new HashMap<>(item.headers());
        headers.put("Authorization", outer.header("Authorization"));
        Request inner = new Request(
                item.method(),
                "/" + version + (q < 0 ? url : url.substring(0, q)),
                q < 0 ? null : url.substring(q + 1),
                headers,
                item.body(),
                outer.baseUrl());
        inner.attribute(GraphGate.BATCH_ITEM_ATTRIBUTE, Boolean.TRUE);
        Optional<Response> response = router.dispatch(inner);
        return render(
                item.id(),
                response.orElseGet(
                        () -> GraphErrors.error(400, "BadRequest", "Invalid request URL in batch: " + item.url())
                                .response()));
    }

    private static ObjectNode render(String id, Response response) {
        ObjectNode out = Json.object();
        out.put("id", id);
        out.put("status", response.status());
        ObjectNode headers = out.putObject("headers");
        response.headers().forEach(headers::put);
        if (response.body().length > 0) {
            String type = response.header("Content-Type");
            JsonNode json = type != null && type.contains("json") ? Json.parseOrNull(response.body()) : null;
            if (json != null) {
                out.set("body", json);
            } else {
                out.put("body", Base64.getEncoder().encodeToString(response.body()));
            }
        }
        return out;
    }

    private static ObjectNode failedDependency(String id) {
        return render(id, GraphErrors.response(424, "FailedDependency", "Failed dependency"));
    }
}
