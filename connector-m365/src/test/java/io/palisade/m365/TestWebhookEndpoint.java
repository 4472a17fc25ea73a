package io.palisade.m365;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.palisade.m365.notify.MalformedNotificationException;
import io.palisade.m365.notify.NotificationIntake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.springframework.context.SmartLifecycle;

/**
 * The two notification endpoints as the web module serves them, on a loopback port, so the connector's tests get
 * real notifications from the simulator without the web application: the validation handshake answered with the
 * decoded token as plain text, notifications handed to {@link NotificationIntake} and answered 202. A test may
 * change the bodies of change notifications on their way in ({@link #intercept}), as an attacker in between would.
 */
public class TestWebhookEndpoint implements SmartLifecycle {

    private final NotificationIntake intake;
    private final int port;
    private volatile UnaryOperator<String> interceptor = UnaryOperator.identity();
    private HttpServer server;

    public TestWebhookEndpoint(NotificationIntake intake, int port) {
        this.intake = intake;
        this.port = port;
    }

    /** Rewrites every change-notification body before the intake sees it; identity to stop. */
    public void intercept(UnaryOperator<String> interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/webhooks/m365/lifecycle", exchange -> handle(exchange, intake::acceptLifecycle));
        server.createContext(
                "/webhooks/m365", exchange -> handle(exchange, body -> intake.acceptChanges(interceptor.apply(body))));
        server.start();
    }

    private static void handle(HttpExchange exchange, Consumer<String> accept) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (query != null && query.startsWith("validationToken=")) {
            byte[] token = URLDecoder.decode(query.substring("validationToken=".length()), StandardCharsets.UTF_8)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, token.length);
            exchange.getResponseBody().write(token);
            exchange.close();
            return;
        }
        int status = 202;
        try {
            accept.accept(new String(body, StandardCharsets.UTF_8));
        } catch (MalformedNotificationException e) {
            status = 400;
        } catch (RuntimeException e) {
            status = 503;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
