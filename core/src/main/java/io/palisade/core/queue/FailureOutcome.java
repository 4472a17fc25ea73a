package io.palisade.core.queue;

/** What {@link WorkQueue#fail} did with the item. */
public enum FailureOutcome {
    /** Back to {@link WorkState#READY}, due after the backoff. */
    RETRY_SCHEDULED,
    /** Out of attempts, or failed permanently: now {@link WorkState#DEAD}. */
    DEAD_LETTERED,
    /** The caller's lease had expired and the item was claimed again (or finished) elsewhere: nothing changed. */
    LEASE_LOST
}
