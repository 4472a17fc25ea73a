package io.palisade.core.campaign;

/** Why a message is in a campaign. */
public enum MemberReason {
    /** The message the campaign was formed from. */
    SEED,
    /** The same message (same internet message id) in another mailbox. */
    COPY,
    /** Same sending domain, near-duplicate subject and body. */
    NEAR_DUPLICATE,
    /**
     * Another sending domain but the seed's sending infrastructure (sending IP, DKIM signing domain or Return-Path
     * domain), near-duplicate subject and body: one sender rotating its From domains.
     */
    SAME_INFRASTRUCTURE,
    /** Carries a URL the seed carries. */
    SHARED_URL,
    /** Carries a file the seed carries. */
    SHARED_FILE
}
