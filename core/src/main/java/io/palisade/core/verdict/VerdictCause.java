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
    USER_REPORTS;

    /**
     * Whether a version of this cause may replace {@code current}'s verdict. An analyst's verdict (on the message or
     * on its campaign) stands until an analyst changes it: re-scans, indicators and user reports leave it alone.
     *
     * @param current the cause of the current version; null when there is none
     */
    public boolean mayReplace(VerdictCause current) {
        return this == ANALYST || current != ANALYST;
    }
}
