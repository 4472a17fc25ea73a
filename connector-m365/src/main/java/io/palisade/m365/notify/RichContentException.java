package io.palisade.m365.notify;

/**
 * The encrypted content of a rich notification cannot be trusted or read. The message is a reason code for logs
 * ({@code signature_mismatch}, {@code unknown_certificate_id}, ...), never content.
 */
public class RichContentException extends RuntimeException {

    public RichContentException(String reason) {
        super(reason);
    }
}
