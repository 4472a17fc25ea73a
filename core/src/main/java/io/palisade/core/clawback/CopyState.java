package io.palisade.core.clawback;

/** Where one copy of a clawback is, as the console and the API show it. */
public enum CopyState {
    PENDING,
    DONE,
    /** Gave up; the reason says why. A copy waiting for a retry stays PENDING with the last error as reason. */
    FAILED,
    /** Quarantined by this clawback, then released. */
    RELEASED,
    /** Nothing to do: already in the target state, or the message is gone. */
    SKIPPED
}
