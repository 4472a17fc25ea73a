package io.palisade.simulator.google;

/**
 * A Gmail API error: the HTTP status, Google's reason code and message, written out in Google's error shape by the
 * routes.
 */
public final class GmailException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;

    public GmailException(int status, String reason, String message) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    static GmailException notFound() {
        return new GmailException(404, "notFound", "Requested entity was not found.");
    }

    static GmailException invalid(String message) {
        return new GmailException(400, "invalidArgument", message);
    }
}
