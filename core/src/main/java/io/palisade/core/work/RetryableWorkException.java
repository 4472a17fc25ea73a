package io.palisade.core.work;

import java.time.Duration;

/** A passing failure: the item is retried after the backoff, or after {@link #retryAfter()} if that is longer. */
public class RetryableWorkException extends RuntimeException {

    private final Duration retryAfter;

    public RetryableWorkException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
    }

    public RetryableWorkException(String message, Throwable cause) {
        this(message, Duration.ZERO, cause);
    }

    /** The wait the platform asked for, never null (zero when none). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
