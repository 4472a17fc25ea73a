package io.palisade.simulator.server;

/** Serves one matched request. Throws {@link HttpError} to answer with a prepared error response. */
@FunctionalInterface
public interface Handler {

    /** Returns the response; never null. */
    Response handle(Request request) throws Exception;
}
