package io.palisade.m365.graph;

import java.io.IOException;
import java.time.Duration;

/** A Graph call refused before it was sent: no permit in time, or the tenant's circuit is open. */
public class GraphUnavailableException extends IOException {

    private final transient Duration retryAfter;

    public GraphUnavailableException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** When trying again makes sense. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
