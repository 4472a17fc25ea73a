package io.palisade.simulator.google;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A Pub/Sub push endpoint for tests: records each push's Authorization header and body, answers 204. */
final class PushReceiver implements AutoCloseable {

    /** One push as received. */
    record Push(String authorization, String body) {}

    private final HttpServer server;
    private final List<Push> pushes = new CopyOnWriteArrayList<>();

    PushReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            pushes.add(new Push(
                    exchange.getRequestHeaders().getFirst("Authorization"), new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/push/gmail";
    }

    List<Push> pushes() {
        return pushes;
    }

    /** Waits until at least {@code count} pushes arrived, or fails after {@code timeout}. */
    List<Push> await(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pushes.size() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        if (pushes.size() < count) {
            throw new AssertionError("expected " + count + " pushes within " + timeout + ", got " + pushes.size());
        }
        return List.copyOf(pushes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
