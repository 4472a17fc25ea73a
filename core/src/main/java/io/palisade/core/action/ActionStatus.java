package io.palisade.core.action;

/** Where an action is. */
public enum ActionStatus {
    /** Written (with its verdict) and waiting for an action worker. */
    PENDING,
    /** A worker is calling the connector. */
    RUNNING,
    DONE,
    /** Gave up; {@code lastError} says why. */
    FAILED,
    /** Not needed after all (the message was gone, or already in the target state). */
    SKIPPED;

    /** Whether nothing more will happen to an action in this state. */
    public boolean isFinal() {
        return this == DONE || this == SKIPPED;
    }
}
