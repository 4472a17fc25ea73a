package io.palisade.core.mail;

/**
 * The kinds of indicator a mail item is indexed by: the keys detection's prefilter looked the message up by when
 * it arrived (detection's {@code IndicatorKeys}), so an indicator added later finds it by the same values.
 */
public enum IndicatorKind {
    /** A URL found in the message body, a PDF or a QR code, unwrapped and normalised. */
    URL,
    /**
     * A domain of the From or a Reply-To address or of a link's host, and each of its parent domains down to the
     * registrable domain.
     */
    DOMAIN,
    /** The SHA-256 of an attachment or of a file inside an attached archive, lower-case hex. */
    FILE_HASH,
    /** The From or a Reply-To address, lower-case. */
    SENDER,
    /** An IP address in canonical form: the sending IP (when the platform recorded it) or a link's IP host. */
    IP,
    /**
     * Part of the sending infrastructure, for campaigns rather than threat intelligence: {@code ip:} the sending IP,
     * {@code dkim:} a DKIM signing domain that passed, {@code bounce:} the Return-Path domain.
     */
    INFRASTRUCTURE
}
