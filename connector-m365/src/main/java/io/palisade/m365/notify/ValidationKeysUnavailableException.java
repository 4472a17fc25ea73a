package io.palisade.m365.notify;

/**
 * The identity platform's key set could not be read, so a batch's validation tokens could not be checked: nothing
 * is stored, and the endpoint must answer 5xx so that Graph sends the batch again.
 */
public class ValidationKeysUnavailableException extends RuntimeException {

    public ValidationKeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
