package io.palisade.m365.graph;

import com.microsoft.kiota.ApiException;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MessageNotFoundException;
import java.time.Duration;
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
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof GraphUnavailableException unavailable) {
                return ConnectorException.retryable(
                        operation + " not sent: " + unavailable.getMessage(), unavailable.retryAfter(), e);
            }
        }
        return ConnectorException.retryable(
                operation + " failed: " + e.getClass().getSimpleName(), null, e);
    }

    private static Duration retryAfter(ApiException e) {
        if (e.getResponseHeaders() == null) {
            return null;
        }
        Set<String> values = e.getResponseHeaders().get("Retry-After");
        if (values == null || values.isEmpty()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(values.iterator().next().trim()));
        } catch (NumberFormatException ignored) {
            return null;
        }
    }
}
