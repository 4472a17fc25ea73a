package io.palisade.core.mail;

/** The kinds of indicator a mail item is indexed by. */
public enum IndicatorKind {
    /** A URL found in the message, normalised by the caller. */
    URL,
    /** A domain: of a URL, of the sender, of a reply-to. */
    DOMAIN,
    /** The SHA-256 of an attachment or linked file, lower-case hex. */
    FILE_HASH,
    /** The sender address, lower-case. */
    SENDER
}
