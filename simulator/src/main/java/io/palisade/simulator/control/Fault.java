package io.palisade.simulator.control;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fault to inject. Call faults hit the next {@code count} matching API calls (or all of them,
 * with a negative count, until cleared); notification faults hit the next {@code count}
 * notifications.
 */
public final class Fault {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Fault(String type, int count) {
        fields.put("type", type);
        fields.put("count", count);
    }

    /** The next {@code count} calls get 429 with {@code Retry-After: retryAfterSeconds}. */
    public static Fault throttle(int count, int retryAfterSeconds) {
        Fault fault = new Fault("throttle", count);
        fault.fields.put("retryAfterSeconds", retryAfterSeconds);
        return fault;
    }

    /** The next {@code count} calls get {@code status} (a 5xx). */
    public static Fault serverError(int count, int status) {
        Fault fault = new Fault("serverError", count);
        fault.fields.put("status", status);
        return fault;
    }

    /**
     * The next {@code count} calls are refused for good with {@code status} (a 4xx; Graph answers 403 with {@code
     * ErrorAccessDenied}), as a mailbox the application may not touch is.
     */
    public static Fault refuse(int count, int status) {
        Fault fault = new Fault("refuse", count);
        fault.fields.put("status", status);
        return fault;
    }

    /** The next {@code count} calls wait {@code millis} before being served. */
    public static Fault latency(int count, long millis) {
        Fault fault = new Fault("latency", count);
        fault.fields.put("millis", millis);
        return fault;
    }

    public static Fault dropNotifications(int count) {
        return new Fault("dropNotifications", count);
    }

    public static Fault duplicateNotifications(int count) {
        return new Fault("duplicateNotifications", count);
    }

    public static Fault reorderNotifications(int count) {
        return new Fault("reorderNotifications", count);
    }

    /**
     * The next {@code count} PATCHes of a delivered message's subject or body answer 200 and change nothing, as
     * Exchange Online has been seen doing.
     */
    public static Fault ignoreContentPatch(int count) {
        return new Fault("ignoreContentPatch", count);
    }

    /** Every notification POST fails until {@code unreachableEndpoint(false)}. */
    public static Fault unreachableEndpoint(boolean enabled) {
        Fault fault = new Fault("unreachableEndpoint", -1);
        fault.fields.put("enabled", enabled);
        return fault;
    }

    /** Limits a call fault to one API family, e.g. {@code graph}. */
    public Fault onApi(String api) {
        fields.put("api", api);
        return this;
    }

    /** Limits a call fault to paths containing {@code text} (case-insensitive). */
    public Fault onPathsContaining(String text) {
        fields.put("pathContains", text);
        return this;
    }

    Map<String, Object> toMap() {
        return Map.copyOf(fields);
    }
}
