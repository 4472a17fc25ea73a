package io.palisade.simulator.google;

import io.palisade.simulator.server.HttpError;
import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Google's wire conventions shared by the Gmail routes: the error body, JSON in and out, base64url. */
final class GoogleHttp {

    private GoogleHttp() {}

    /** {@code {"error":{"code","message","errors":[{message,domain,reason}],"status"}}}, as Google APIs answer. */
    static Response error(GmailException e) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("message", e.getMessage());
        item.put("domain", e.status() == 429 ? "usageLimits" : "global");
        item.put("reason", e.reason());
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.status());
        error.put("message", e.getMessage());
        error.put("errors", List.of(item));
        error.put("status", status(e.status()));
        return Response.json(e.status(), Json.write(Map.of("error", error)));
    }

    static HttpError fail(GmailException e) {
        return new HttpError(error(e), e.reason());
    }

    private static String status(int code) {
        return switch (code) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ALREADY_EXISTS";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            default -> code >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
    }

    static Response json(int status, Object body) {
        return Response.json(status, Json.write(body));
    }

    /** The request body as a JSON object; an empty body is an empty object. */
    static JsonNode body(Request request) {
        if (request.body().length == 0) {
            return Json.object();
        }
        JsonNode json = Json.parseOrNull(request.body());
        if (json == null || !json.isObject()) {
            throw GmailException.invalid("Invalid JSON payload received.");
        }
        return json;
    }

    static List<String> strings(JsonNode json, String field) {
        List<String> out = new ArrayList<>();
        JsonNode node = json.get(field);
        if (node != null && node.isArray()) {
            node.forEach(v -> out.add(v.asString()));
        }
        return out;
    }

    /** Decodes base64url with or without padding; Gmail also accepts the standard alphabet. */
    static byte[] base64Url(String text) {
        if (text == null) {
            return new byte[0];
        }
        String normal = text.trim().replace('+', '-').replace('/', '_').replace("=", "");
        try {
            return Base64.getUrlDecoder().decode(normal);
        } catch (IllegalArgumentException e) {
            throw GmailException.invalid("Invalid value for ByteString: " + abbreviate(text));
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "..." : text;
    }
}
