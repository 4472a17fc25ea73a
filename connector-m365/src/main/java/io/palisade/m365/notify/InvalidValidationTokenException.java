package io.palisade.m365.notify;

/**
 * A validation token of a rich-notification batch is not Graph's for this app: the whole batch is refused. The
 * message is a reason for logs; text quoted from the token is cut to one printable line.
 */
public class InvalidValidationTokenException extends RuntimeException {

    private static final int MAX_REASON = 200;

    public InvalidValidationTokenException(String reason, Throwable cause) {
        super(printable(reason), cause);
    }

    private static String printable(String reason) {
        String line = reason == null ? "" : reason.replaceAll("[^\\x20-\\x7E]", "?");
        return line.length() > MAX_REASON ? line.substring(0, MAX_REASON) : line;
    }
}
