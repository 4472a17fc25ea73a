package io.palisade.simulator.control;

import io.palisade.simulator.server.HttpError;
import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Response;
import tools.jackson.databind.node.ObjectNode;

/** The control API's errors: {@code {"error": "what is wrong"}}. */
final class ControlErrors {

    private ControlErrors() {}

    static HttpError error(int status, String message) {
        ObjectNode body = Json.object();
        body.put("error", message);
        return new HttpError(Response.json(status, Json.write(body)), message);
    }

    static HttpError notFound(String what) {
        return error(404, what + " not found");
    }

    static HttpError badRequest(String message) {
        return error(400, message);
    }
}
