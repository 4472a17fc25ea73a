package io.palisade.detection.engine;

/**
 * A stage reported a signal the catalogue does not list. Thrown only by scanners built with strict signals (tests),
 * so that a misspelt name fails a test instead of being dropped.
 */
public final class UnknownSignalException extends IllegalArgumentException {

    public UnknownSignalException(String signal) {
        super("signal not in the catalogue (signals/*.yaml): " + signal);
    }
}
