package io.palisade.simulator.identity;

import io.palisade.simulator.server.HttpError;
import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/** Errors in the shape the Microsoft identity platform answers them (OAuth 2 error plus AADSTS code). */
final class IdentityErrors {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private IdentityErrors() {}

    /**
     * An OAuth error.
     *
     * @param status 400 for most errors, 401 for failed client authentication
     * @param error the OAuth error code, e.g. {@code invalid_client}
     * @param aadsts the AADSTS number
     * @param description the text after the AADSTS number
     */
    static HttpError error(int status, String error, int aadsts, String description) {
        String traceId = UUID.randomUUID().toString();
        String correlationId = UUID.randomUUID().toString();
        String timestamp = TIMESTAMP.format(Instant.now());
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put(
                "error_description",
                "AADSTS" + aadsts + ": " + description + "\r\nTrace ID: " + traceId + "\r\nCorrelation ID: "
                        + correlationId + "\r\nTimestamp: " + timestamp);
        body.putArray("error_codes").add(aadsts);
        body.put("timestamp", timestamp);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlationId);
        body.put("error_uri", "https://login.microsoftonline.com/error?code=" + aadsts);
        return new HttpError(Response.json(status, Json.write(body)), error + " AADSTS" + aadsts);
    }
}
