package io.palisade.simulator.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults that tests ask for through the control API: failing or slow API calls, and lost,
 * repeated, reordered or undeliverable notifications. Each fault applies a given number of times
 * (or until cleared) and optionally only to one API family or to paths containing some text.
 */
public final class FaultPlan {

    /** What a call fault does. */
    public enum CallKind {
        /** Answer 429 with Retry-After. */
        THROTTLE,
        /** Answer a 5xx status. */
        SERVER_ERROR,
        /** Refuse the call for good with a 4xx status (Graph: 403 {@code ErrorAccessDenied}). */
        REFUSE,
        /** Wait before serving the call normally. */
        LATENCY
    }

    /**
     * One call fault.
     *
     * @param api {@code graph}, {@code gmail}, ... or null for every family
     * @param pathContains only paths containing this text (case-insensitive), or null for all
     * @param status the status to answer for SERVER_ERROR and REFUSE
     * @param seconds Retry-After for THROTTLE
     * @param millis the delay for LATENCY
     */
    public record CallFault(
            CallKind kind, String api, String pathContains, int status, long seconds, long millis, AtomicInteger left) {

        boolean applies(String callApi, String path) {
            boolean apiMatches = api == null || api.equalsIgnoreCase(callApi);
            boolean pathMatches = pathContains == null
                    || path.toLowerCase(Locale.ROOT).contains(pathContains.toLowerCase(Locale.ROOT));
            return apiMatches && pathMatches;
        }

        /** Uses one application of the fault; false when it has none left. */
        boolean take() {
            if (left.get() < 0) {
                return true;
            }
            return left.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
        }
    }

    private final List<CallFault> callFaults = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropNotifications = new AtomicInteger();
    private final AtomicInteger duplicateNotifications = new AtomicInteger();
    private final AtomicInteger reorderNotifications = new AtomicInteger();
    private volatile boolean endpointUnreachable;
    private final AtomicInteger ignoredContentPatches = new AtomicInteger();

    /**
     * Adds a call fault.
     *
     * @param times how many calls it hits; negative for every call until cleared
     */
    public void addCallFault(
            CallKind kind, String api, String pathContains, int status, long seconds, long millis, int times) {
        callFaults.add(new CallFault(kind, api, pathContains, status, seconds, millis, new AtomicInteger(times)));
    }

    /** The faults that hit this call, each used once; latency faults first. */
    public List<CallFault> faultsFor(String api, String path) {
        List<CallFault> hits = new ArrayList<>();
        for (CallFault fault : callFaults) {
            if (fault.applies(api, path) && fault.take()) {
                hits.add(fault);
            }
        }
        callFaults.removeIf(f -> f.left().get() == 0);
        hits.sort((a, b) -> Boolean.compare(a.kind() != CallKind.LATENCY, b.kind() != CallKind.LATENCY));
        return hits;
    }

    /** The next {@code count} notifications are lost. */
    public void dropNotifications(int count) {
        dropNotifications.addAndGet(count);
    }

    /** The next {@code count} notifications are sent twice. */
    public void duplicateNotifications(int count) {
        duplicateNotifications.addAndGet(count);
    }

    /** The next {@code count} notifications are held back and sent after later ones. */
    public void reorderNotifications(int count) {
        reorderNotifications.addAndGet(count);
    }

    /** While set, every notification POST fails as if the endpoint could not be reached. */
    public void endpointUnreachable(boolean value) {
        endpointUnreachable = value;
    }

    public boolean endpointUnreachable() {
        return endpointUnreachable;
    }

    /**
     * The next {@code count} PATCHes that change a delivered message's subject or body answer 200 and change nothing,
     * as Exchange Online has been seen doing ({@code platform-facts.md} section 3); negative: until cleared.
     */
    public void ignoreContentPatches(int count) {
        ignoredContentPatches.set(count);
    }

    /** Uses one ignored content PATCH if any is pending. */
    public boolean takeIgnoredContentPatch() {
        return ignoredContentPatches.get() < 0 || takeOne(ignoredContentPatches);
    }

    /** Uses one "drop" if any is pending. */
    public boolean takeDrop() {
        return takeOne(dropNotifications);
    }

    /** Uses one "duplicate" if any is pending. */
    public boolean takeDuplicate() {
        return takeOne(duplicateNotifications);
    }

    /** Uses one "reorder" if any is pending. */
    public boolean takeReorder() {
        return takeOne(reorderNotifications);
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** Removes every fault. */
    public void clear() {
        callFaults.clear();
        dropNotifications.set(0);
        duplicateNotifications.set(0);
        reorderNotifications.set(0);
        endpointUnreachable = false;
        ignoredContentPatches.set(0);
    }
}
