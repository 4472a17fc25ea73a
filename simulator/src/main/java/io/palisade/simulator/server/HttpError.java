package io.palisade.simulator.server;

/**
 * A failure that already knows its response, in the error shape of the API family that raised it.
 */
public final class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Response response;

    /** Creates an error answered with {@code response}; {@code reason} is for logs only. */
    public HttpError(Response response, String reason) {
        super(reason, null, false, false);
        this.response = response;
    }

    /** The response to send. */
    public Response response() {
        return response;
    }
}
