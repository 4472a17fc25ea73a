package io.palisade.core.notify;

/** Where a notification's webhook delivery stands. */
public enum DeliveryState {
    /** The tenant had no webhook when the notification was made: it is only listed. */
    NONE,
    /** Waiting for its first attempt, or for a retry after a failed one. */
    PENDING,
    /** The webhook accepted it. */
    SENT,
    /** Given up: the webhook refused it, or kept failing until the attempts ran out; its work is a dead letter. */
    FAILED
}
