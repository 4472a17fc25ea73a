package io.palisade.core.mailbox;

/** Whether Palisade watches a mailbox. */
public enum MailboxStatus {
    /** Watched and protected. */
    ACTIVE,
    /** Left out by the tenant's include and exclude rules. */
    EXCLUDED,
    /** Gone from the tenant's directory. */
    REMOVED
}
