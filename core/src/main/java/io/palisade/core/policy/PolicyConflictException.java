package io.palisade.core.policy;

/** A policy edit was based on a version that is no longer the current one. */
public class PolicyConflictException extends RuntimeException {

    public PolicyConflictException(String message) {
        super(message);
    }
}
