package io.palisade.simulator.control;

/** The simulator refused a control call or could not be reached; the message says which and why. */
public final class SimulatorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SimulatorException(String message) {
        super(message);
    }

    public SimulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
