package io.palisade.core.work;

/** A failure no retry can fix (a malformed payload, a message that no longer exists): the item is dead-lettered. */
public class PermanentWorkException extends RuntimeException {

    public PermanentWorkException(String message) {
        super(message);
    }

    public PermanentWorkException(String message, Throwable cause) {
        super(message, cause);
    }
}
