package io.palisade.simulator.graph;

import io.palisade.simulator.identity.AccessToken;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.state.FaultPlan;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the call faults of the fault plan to Graph calls. */
final class Faults {

    private static final Logger LOG = LoggerFactory.getLogger(Faults.class);

    private final FaultPlan plan;

    Faults(FaultPlan plan) {
        this.plan = plan;
    }

    /** Delays or fails the call as the plan says; returns normally when the call may proceed. */
    void beforeCall(Request request, AccessToken token) {
        for (FaultPlan.CallFault fault : plan.faultsFor("graph", request.path())) {
            LOG.info("event=fault_applied kind={} tenant={}", fault.kind(), token.tenantId());
            switch (fault.kind()) {
                case LATENCY -> LockSupport.parkNanos(fault.millis() * 1_000_000L);
                case THROTTLE ->
                    throw Throttle.tooMany(
                            "Application is over its MailboxConcurrency limit.", Math.max(0, fault.seconds()));
                case SERVER_ERROR ->
                    throw GraphErrors.error(
                            fault.status() > 0 ? fault.status() : 503,
                            fault.status() == 504 ? "GatewayTimeout" : "ServiceUnavailable",
                            "The service is temporarily unavailable. Please retry later.");
                case REFUSE ->
                    throw fault.status() == 403 || fault.status() <= 0
                            ? GraphErrors.error(
                                    403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.")
                            : GraphErrors.error(fault.status(), "ErrorInvalidRequest", "The request is not valid.");
                default -> throw new IllegalStateException("unknown fault " + fault.kind());
            }
        }
    }
}
