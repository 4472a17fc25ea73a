package io.palisade.simulator.server;

/**
 * One API family (Microsoft identity, Graph, Gmail, the control API...) registering its endpoints.
 *
 * <p>A family adds itself to the simulator with one line: {@code router.install(new GraphRoutes(...))}.
 */
@FunctionalInterface
public interface Routes {

    /** Adds this family's endpoints to the router. */
    void register(Router router);
}
