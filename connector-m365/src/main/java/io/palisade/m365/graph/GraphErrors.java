package io.palisade.m365.graph;

import com.microsoft.kiota.ApiException;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MessageNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps Graph failures to connector failures: 404 means the message is gone; 429, 5xx and network failures are
 * retryable (with Graph's Retry-After when it sent one); everything else, such as a missing permission, is
 * permanent. Messages name the operation and the status, never content or credentials.
 */
public final class GraphErrors {

    private static final Set<Integer> RETRYABLE = Set.of(408, 429, 500, 502, 503, 504);

    private GraphErrors() {}

    /** The connector failure for a Graph call {@code operation} that threw {@code e}. */
    public static ConnectorException map(String operation, RuntimeException e) {
        if (e instanceof ApiException api) {
            int status = api.getResponseStatusCode();
            String message = operation + " failed with HTTP " + status;
            if (status == 404) {
                return new MessageNotFoundException(message, e);
            }
            if (RETRYABLE.contains(status)) {
                return ConnectorException.retryable(message, retryAfter(api), e);
            }
            return ConnectorException.permanent(message, e);
        }
        return ConnectorException.retryable(operation + " failed: " + e.getClass().getSimpleName(), null, e);
    }

    private static Duration retryAfter(ApiException e) {
        Map<String, java.util.Set<String>> headers =
                e.getResponseHeaders() == null ? Map.of() : e.getResponseHeaders().toMap();
        for (var entry : headers.entrySet()) {
            if ("retry-after".equalsIgnoreCase(entry.getKey()) && !entry.getValue().isEmpty()) {
                try {
                    return Duration.ofSeconds(Long.parseLong(List.copyOf(entry.getValue()).getFirst().trim()));
                } catch (NumberFormatException ignored) {
                    return null;
                }
            }
        }
        return null;
    }
}
