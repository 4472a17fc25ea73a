package io.palisade.m365.notify;

/** A notification POST whose body is not Graph's changeNotificationCollection. */
public class MalformedNotificationException extends RuntimeException {

    public MalformedNotificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
