package io.palisade.detection.analysis.tracker;

import io.palisade.detection.analysis.ResourceLists;
import java.util.Set;

/** Hosts that serve open-tracking pixels or click-tracking redirects ({@code lists/tracker_hosts.txt}). */
public final class TrackerHosts {
    private static final Set<String> HOSTS = ResourceLists.set("lists/tracker_hosts.txt");

    private TrackerHosts() {}

    /** Whether a host (lower case) is a known tracker host or a subdomain of one. */
    public static boolean contains(String host) {
        return ResourceLists.matchesDomainOrParent(host, HOSTS);
    }
}
