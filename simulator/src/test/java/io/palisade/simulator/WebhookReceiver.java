package io.palisade.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Request;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A webhook endpoint for tests: answers Graph's validation request as documented and records the
 * notification collections it receives. Can be told to fail the next POSTs.
 */
public final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<JsonNode> posts = new CopyOnWriteArrayList<>();
    private final List<String> validationTokens = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/webhooks/m365";
    }

    /** The next {@code count} notification POSTs get 503. */
    public void failNext(int count) {
        failNext.set(count);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String token =
                Request.parseQuery(exchange.getRequestURI().getRawQuery())
                        .getOrDefault("validationToken", List.of())
                        .stream()
                        .findFirst()
                        .orElse(null);
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (token != null) {
            validationTokens.add(token);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            respond(exchange, 200, token.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            respond(exchange, 503, new byte[0]);
            return;
        }
        posts.add(Json.mapper().readTree(body));
        respond(exchange, 202, new byte[0]);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    public List<String> validationTokens() {
        return validationTokens;
    }

    /** Every notification collection received, as posted. */
    public List<JsonNode> posts() {
        return posts;
    }

    /** Every notification item received, across posts. */
    public List<JsonNode> notifications() {
        List<JsonNode> out = new ArrayList<>();
        posts.forEach(p -> p.get("value").forEach(out::add));
        return out;
    }

    /** Waits until some notifications match, or fails after {@code timeout}. */
    public List<JsonNode> await(Predicate<JsonNode> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> hits = notifications().stream().filter(match).toList();
            if (hits.size() >= count) {
                return hits;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError(
                "expected " + count + " matching notifications within " + timeout + ", got " + notifications());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
