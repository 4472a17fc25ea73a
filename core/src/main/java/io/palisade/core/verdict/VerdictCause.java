package io.palisade.core.verdict;

/** What made a verdict version. */
public enum VerdictCause {
    /** The first scan on arrival. */
    SCAN,
    /** A re-scan after a new rule pack or model. */
    RESCAN,
    /** An analyst's decision. */
    ANALYST,
    /** A new threat-intelligence indicator the message carries. */
    INDICATOR,
    /** User reports crossing the tenant's threshold. */
    USER_REPORTS,
    /**
     * The recipient trusted the sender from the banner's live page: their own copy re-scored. It concerns that copy
     * only; every other cause speaks for the message in every mailbox.
     */
    RECIPIENT_TRUST;

    /**
     * Whether a version of this cause may replace {@code current}'s verdict. An analyst's verdict (on the message or
     * on its campaign) stands until an analyst changes it: re-scans, indicators, user reports and a recipient's trust
     * leave it alone.
     *
     * @param current the cause of the current version; null when there is none
     */
    public boolean mayReplace(VerdictCause current) {
        return this == ANALYST || current != ANALYST;
    }
}
