package io.palisade.simulator.graph;

import io.palisade.simulator.server.HttpError;
import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/** Graph's error body: {@code {"error":{"code","message","innerError":{...}}}}. */
public final class GraphErrors {

    private GraphErrors() {}

    /** An error response ready to send. */
    public static Response response(int status, String code, String message) {
        String requestId = UUID.randomUUID().toString();
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        ObjectNode inner = error.putObject("innerError");
        inner.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        inner.put("request-id", requestId);
        inner.put("client-request-id", requestId);
        return Response.json(status, Json.write(body)).header("request-id", requestId);
    }

    public static HttpError error(int status, String code, String message) {
        return new HttpError(response(status, code, message), code);
    }

    public static HttpError badRequest(String message) {
        return error(400, "BadRequest", message);
    }

    public static HttpError itemNotFound() {
        return error(404, "ErrorItemNotFound", "The specified object was not found in the store.");
    }

    public static HttpError accessDenied() {
        return error(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
    }
}
