package io.palisade.core.queue;

/** Where a work item is in its life. */
public enum WorkState {
    /** Waiting to be claimed once its {@code runAt} has come. */
    READY,
    /** Held by a worker until its lease runs out; an expired lease makes it claimable again. */
    CLAIMED,
    /** Finished; kept so that a repeated enqueue with the same key stays a no-op. */
    DONE,
    /** Failed {@code maxAttempts} times (or permanently); waits for an operator to retry it. */
    DEAD
}
