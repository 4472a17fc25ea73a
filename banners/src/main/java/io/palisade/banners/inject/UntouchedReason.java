package io.palisade.banners.inject;

/** Why the injector returned a message unchanged. */
public enum UntouchedReason {
    /** S/MIME or PGP signed: any change would break the signature. */
    SIGNED,
    /** S/MIME or PGP encrypted: the body cannot be read, and the envelope must not change. */
    ENCRYPTED,
    /** Larger than {@link InjectionOptions#maxMessageBytes()}; the work per message stays bounded. */
    TOO_LARGE,
    /** The MIME structure could not be parsed or written back. */
    MALFORMED,
    /** No text/plain or text/html body part to put a banner in (for example a calendar invitation only). */
    NO_TEXT_BODY,
    /** Every body part is in a charset or transfer encoding Palisade cannot decode without losing text. */
    UNDECODABLE,
    /** Stripping found no Palisade banner for this message. */
    NO_BANNER_FOUND
}
