package io.palisade.core.connector;

import io.palisade.core.work.PermanentWorkException;
import io.palisade.core.work.RetryableWorkException;
import java.time.Duration;
import java.util.Optional;

/**
 * A connector operation failed. {@link #isRetryable()} tells the caller whether trying again can help (throttling,
 * a timeout, a 5xx) or not (a missing permission, a rejected request); {@link #retryAfter()} carries the platform's
 * Retry-After when it sent one. Messages name the operation and the platform's error code, never message content
 * or credentials.
 */
public class ConnectorException extends Exception {

    private final boolean retryable;
    private final Duration retryAfter;

    protected ConnectorException(String message, Throwable cause, boolean retryable, Duration retryAfter) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** A failure that may pass on its own; {@code retryAfter} may be null when the platform gave none. */
    public static ConnectorException retryable(String message, Duration retryAfter, Throwable cause) {
        return new ConnectorException(message, cause, true, retryAfter);
    }

    /** A failure that retrying will not fix. */
    public static ConnectorException permanent(String message, Throwable cause) {
        return new ConnectorException(message, cause, false, null);
    }

    public boolean isRetryable() {
        return retryable;
    }

    /** How long the platform asked us to wait; empty when it did not say. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * This failure as the outcome of a work item: retried (no sooner than the platform's Retry-After) when
     * retryable, dead-lettered otherwise.
     */
    public RuntimeException asWorkFailure() {
        return isRetryable()
                ? new RetryableWorkException(getMessage(), retryAfter().orElse(Duration.ZERO), this)
                : new PermanentWorkException(getMessage(), this);
    }
}
