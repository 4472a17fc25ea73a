package io.palisade.core.policy;

/** What a policy may ask for at a risk level. */
public enum PolicyAction {
    BANNER,
    QUARANTINE,
    /** A soft delete: the user can still recover the message. Hard deletes are only an analyst's explicit action. */
    DELETE,
    NOTIFY_ADMINS
}
