package io.palisade.core.action;

/** What an action does to a mail item (or, for HIDE and UNHIDE, to a chat item) through its connector. */
public enum ActionKind {
    BANNER,
    QUARANTINE,
    RELEASE,
    SOFT_DELETE,
    HARD_DELETE,
    NOTIFY_ADMINS,
    /** Hides a chat message from its readers (chat items only). */
    HIDE,
    /** Shows a hidden chat message again (chat items only). */
    UNHIDE
}
