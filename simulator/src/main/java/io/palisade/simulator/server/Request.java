package io.palisade.simulator.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One HTTP request as the handlers see it: decoded path segments and query, headers by
 * case-insensitive name, the whole body. Also built in memory to replay the items of a JSON batch.
 */
public final class Request {

    private final String method;
    private final String path;
    private final List<String> segments;
    private final Map<String, List<String>> query;
    private final Map<String, String> headers;
    private final byte[] body;
    private final String baseUrl;
    private final Map<String, String> pathParams = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    /**
     * Creates a request.
     *
     * @param method the HTTP method, upper case
     * @param rawPath the path as sent, still percent-encoded
     * @param rawQuery the query string as sent, or null
     * @param headers header values by name (first value of each)
     * @param body the body, empty when none
     * @param baseUrl scheme, host and port the client used, e.g. {@code https://localhost:9091}
     */
    public Request(
            String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body, String baseUrl) {
        this.method = method;
        this.segments = splitPath(rawPath);
        this.path = "/" + String.join("/", segments);
        this.query = parseQuery(rawQuery);
        TreeMap<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sorted.putAll(headers);
        this.headers = Collections.unmodifiableMap(sorted);
        this.body = body;
        this.baseUrl = baseUrl;
    }

    private static List<String> splitPath(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                out.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return List.copyOf(out);
    }

    /** Parses an {@code application/x-www-form-urlencoded} string (a query or a form body). */
    public static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    public String method() {
        return method;
    }

    /** The decoded path, segments joined by '/', starting with '/'. */
    public String path() {
        return path;
    }

    public List<String> segments() {
        return segments;
    }

    /** The first value of a query parameter, or null. */
    public String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public Map<String, List<String>> queryParams() {
        return query;
    }

    /** A header value, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Scheme, host and port the client used, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** A path parameter captured by the route pattern; never null for a declared parameter. */
    public String param(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route declares no parameter " + name);
        }
        return value;
    }

    /** A path parameter, or null when the route has none of that name. */
    public String paramOrNull(String name) {
        return pathParams.get(name);
    }

    void setPathParams(Map<String, String> params) {
        pathParams.clear();
        pathParams.putAll(params);
    }

    /** Attaches a value for later handlers (e.g. the authenticated caller). */
    public void attribute(String name, Object value) {
        attributes.put(name, value);
    }

    /** A value attached earlier, or null. */
    @SuppressWarnings("unchecked")
    public <T> T attribute(String name) {
        return (T) attributes.get(name);
    }
}
