package io.palisade.core.action;

/** What an action does to a mail item through its connector. */
public enum ActionKind {
    BANNER,
    QUARANTINE,
    RELEASE,
    SOFT_DELETE,
    HARD_DELETE,
    NOTIFY_ADMINS
}
