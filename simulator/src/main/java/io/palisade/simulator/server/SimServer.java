package io.palisade.simulator.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's listeners: one plain HTTP and one HTTPS server sharing a router, each request
 * served on its own virtual thread.
 */
public final class SimServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimServer.class);

    private final Router router;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer http;
    private final HttpsServer https;

    private SimServer(Router router, HttpServer http, HttpsServer https) {
        this.router = router;
        this.http = http;
        this.https = https;
    }

    /**
     * Binds both listeners and starts serving.
     *
     * @param host the address to bind, e.g. 127.0.0.1
     * @param httpPort the HTTP port, 0 for any free port
     * @param httpsPort the HTTPS port, 0 for any free port
     */
    public static SimServer start(Router router, TlsMaterial tls, String host, int httpPort, int httpsPort)
            throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, httpPort), 256);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(host, httpsPort), 256);
        https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        SimServer server = new SimServer(router, http, https);
        http.createContext("/", exchange -> server.serve(exchange, "http"));
        https.createContext("/", exchange -> server.serve(exchange, "https"));
        http.setExecutor(server.executor);
        https.setExecutor(server.executor);
        http.start();
        https.start();
        return server;
    }

    public int httpPort() {
        return http.getAddress().getPort();
    }

    public int httpsPort() {
        return https.getAddress().getPort();
    }

    private void serve(HttpExchange exchange, String scheme) throws IOException {
        long start = System.nanoTime();
        Response response;
        Request request = null;
        try (InputStream in = exchange.getRequestBody()) {
            request = toRequest(exchange, scheme, decoded(exchange, in.readAllBytes()));
            response = dispatch(request);
        } catch (RuntimeException e) {
            LOG.error("event=request_failed method={} error={}", exchange.getRequestMethod(), e.toString(), e);
            response = Response.json(
                    500, "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"simulator error\"}}");
        }
        write(exchange, response);
        if (LOG.isDebugEnabled()) {
            String route = request == null ? null : request.attribute(Router.ROUTE_ATTRIBUTE);
            LOG.debug(
                    "event=request method={} route={} status={} millis={}",
                    exchange.getRequestMethod(),
                    route,
                    response.status(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private Response dispatch(Request request) {
        try {
            Optional<Response> response = router.dispatch(request);
            if (response.isPresent()) {
                return response.get();
            }
        } catch (HttpError e) {
            return e.response();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        int status = router.pathExists(request.segments()) ? 405 : 404;
        return Response.json(
                status,
                "{\"error\":{\"code\":\"" + (status == 404 ? "NotFound" : "MethodNotAllowed")
                        + "\",\"message\":\"No simulator endpoint for this request.\"}}");
    }

    /** The Google API Client gzips request bodies by default ({@code Content-Encoding: gzip}). */
    private static byte[] decoded(HttpExchange exchange, byte[] body) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding == null || !encoding.trim().equalsIgnoreCase("gzip") || body.length == 0) {
            return body;
        }
        try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    private static Request toRequest(HttpExchange exchange, String scheme, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name, values.isEmpty() ? "" : values.get(0)));
        String host = headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Host"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("localhost:" + exchange.getLocalAddress().getPort());
        return new Request(
                exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                headers,
                body,
                scheme + "://" + host);
    }

    private static void write(HttpExchange exchange, Response response) throws IOException {
        response.headers()
                .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = response.body();
        boolean noBody = body.length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        http.stop(0);
        https.stop(0);
        executor.shutdownNow();
    }
}
