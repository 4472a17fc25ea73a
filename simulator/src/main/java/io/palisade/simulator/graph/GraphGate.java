package io.palisade.simulator.graph;

import io.palisade.simulator.identity.AccessToken;
import io.palisade.simulator.identity.TokenService;
import io.palisade.simulator.server.Handler;
import io.palisade.simulator.server.HttpError;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.state.RequestLog;
import java.util.UUID;

/**
 * What every Graph call passes before its handler: the bearer token check (401), then the
 * throttling and fault rules. Adds Graph's {@code request-id} headers to the answer.
 */
final class GraphGate {

    static final String TOKEN_ATTRIBUTE = "graph.token";
    /** Set on the requests a {@code $batch} unpacks, so they are counted as batch items. */
    static final String BATCH_ITEM_ATTRIBUTE = "graph.batchItem";

    private static final String WWW_AUTHENTICATE = "Bearer realm=\"\", authorization_uri="
            + "\"https://login.microsoftonline.com/common/oauth2/authorize\", "
            + "client_id=\"00000003-0000-0000-c000-000000000000\"";

    private final TokenService tokens;
    private final Throttle throttle;
    private final RequestLog requests;

    GraphGate(TokenService tokens, Throttle throttle, RequestLog requests) {
        this.tokens = tokens;
        this.throttle = throttle;
        this.requests = requests;
    }

    /** Wraps a handler with authentication, throttling and faults. */
    Handler wrap(Handler handler) {
        return request -> {
            String clientRequestId = request.header("client-request-id");
            Response response;
            try {
                AccessToken token = authenticate(request);
                request.attribute(TOKEN_ATTRIBUTE, token);
                requests.record(
                        token.tenantId(),
                        request.method(),
                        request.segments(),
                        request.attribute(BATCH_ITEM_ATTRIBUTE) != null);
                response = throttle.run(request, token, handler);
            } catch (HttpError e) {
                response = e.response();
            }
            if (response.header("request-id") == null) {
                response.header("request-id", UUID.randomUUID().toString());
            }
            response.header(
                    "client-request-id", clientRequestId != null ? clientRequestId : response.header("request-id"));
            return response;
        };
    }

    private AccessToken authenticate(Request request) {
        String header = request.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw unauthorized("Access token is empty.");
        }
        try {
            return tokens.verifyGraphToken(header.substring(7).trim());
        } catch (TokenService.InvalidTokenException e) {
            throw unauthorized(
                    e.getMessage().contains("expired")
                            ? "Lifetime validation failed, the token is expired."
                            : "Access token validation failure. Invalid audience or signature.");
        }
    }

    private static HttpError unauthorized(String message) {
        Response response = GraphErrors.response(401, "InvalidAuthenticationToken", message)
                .header("WWW-Authenticate", WWW_AUTHENTICATE);
        return new HttpError(response, "unauthorized");
    }
}
