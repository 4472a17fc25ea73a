package io.palisade.m365.notify;

/**
 * The encrypted content of a rich notification cannot be trusted or read. The message is a reason code for logs
 * ({@code signature_mismatch}, {@code unknown_certificate_id}, ...), never content.
 */
public class RichContentException extends RuntimeException {

    private final boolean notOurs;

    RichContentException(String reason) {
        this(reason, false);
    }

    RichContentException(String reason, boolean notOurs) {
        super(reason);
        this.notOurs = notOurs;
    }

    /**
     * Whether the content was encrypted for a certificate Palisade does not hold now (another certificate id, or rich
     * notifications turned off since), rather than failing a check: nothing says it was tampered with.
     */
    public boolean notOurs() {
        return notOurs;
    }
}
