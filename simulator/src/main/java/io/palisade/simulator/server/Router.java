package io.palisade.simulator.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Maps a method and a path to a handler. Patterns are paths whose segments are literals (matched
 * case-insensitively, as Graph does), {@code {name}} for one segment, or a final {@code {name*}} for
 * the rest of the path. When several patterns match, the one with a literal earliest wins.
 */
public final class Router {

    /** The request attribute holding the matched route's pattern. */
    public static final String ROUTE_ATTRIBUTE = "sim.route";

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** Lets an API family add its endpoints. */
    public Router install(Routes family) {
        family.register(this);
        return this;
    }

    public Router get(String pattern, Handler handler) {
        return add("GET", pattern, handler);
    }

    public Router post(String pattern, Handler handler) {
        return add("POST", pattern, handler);
    }

    public Router patch(String pattern, Handler handler) {
        return add("PATCH", pattern, handler);
    }

    public Router delete(String pattern, Handler handler) {
        return add("DELETE", pattern, handler);
    }

    public Router put(String pattern, Handler handler) {
        return add("PUT", pattern, handler);
    }

    /** Adds a route; {@code method} is an HTTP method or {@code *} for any. */
    public Router add(String method, String pattern, Handler handler) {
        routes.add(new Route(method, pattern, split(pattern), handler));
        return this;
    }

    /** The best route for a request, with the path parameters it captured. */
    public Optional<Match> find(String method, List<String> segments) {
        Match best = null;
        for (Route route : routes) {
            if (!route.method.equals("*") && !route.method.equals(method)) {
                continue;
            }
            Map<String, String> params = route.match(segments);
            if (params != null && (best == null || route.score().compareTo(best.route.score()) > 0)) {
                best = new Match(route, params);
            }
        }
        return Optional.ofNullable(best);
    }

    /** True when some route matches the path under another method. */
    public boolean pathExists(List<String> segments) {
        return routes.stream().anyMatch(r -> r.match(segments) != null);
    }

    /** Runs the matching handler for a request, or returns empty when no route matches. */
    public Optional<Response> dispatch(Request request) throws Exception {
        Optional<Match> match = find(request.method(), request.segments());
        if (match.isEmpty()) {
            return Optional.empty();
        }
        request.setPathParams(match.get().params());
        request.attribute(ROUTE_ATTRIBUTE, match.get().route().pattern());
        try {
            return Optional.of(match.get().route().handler.handle(request));
        } catch (HttpError e) {
            return Optional.of(e.response());
        }
    }

    private static List<String> split(String pattern) {
        List<String> out = new ArrayList<>();
        for (String part : pattern.split("/")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }

    /** A route and the parameters it captured from the path. */
    public record Match(Route route, Map<String, String> params) {}

    /** One registered endpoint. */
    public static final class Route {
        private final String method;
        private final String pattern;
        private final List<String> parts;
        private final Handler handler;
        private final String score;

        Route(String method, String pattern, List<String> parts, Handler handler) {
            this.method = method;
            this.pattern = pattern;
            this.parts = parts;
            this.handler = handler;
            StringBuilder s = new StringBuilder();
            for (String part : parts) {
                s.append(part.endsWith("*}") ? '0' : part.startsWith("{") ? '1' : '2');
            }
            this.score = s.toString();
        }

        /** The pattern as registered, safe to log (it holds no addresses or ids). */
        public String pattern() {
            return pattern;
        }

        /** The handler that serves this route. */
        public Handler handler() {
            return handler;
        }

        String score() {
            return score;
        }

        Map<String, String> match(List<String> segments) {
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < parts.size(); i++) {
                String part = parts.get(i);
                if (part.endsWith("*}")) {
                    params.put(
                            part.substring(1, part.length() - 2),
                            String.join("/", segments.subList(i, segments.size())));
                    return i < segments.size() ? params : null;
                }
                if (i >= segments.size()) {
                    return null;
                }
                String segment = segments.get(i);
                if (part.startsWith("{")) {
                    params.put(part.substring(1, part.length() - 1), segment);
                } else if (!part.toLowerCase(Locale.ROOT).equals(segment.toLowerCase(Locale.ROOT))) {
                    return null;
                }
            }
            return segments.size() == parts.size() ? params : null;
        }
    }
}
