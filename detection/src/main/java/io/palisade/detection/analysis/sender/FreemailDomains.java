package io.palisade.detection.analysis.sender;

import io.palisade.detection.analysis.ResourceLists;
import java.util.Set;

/** Consumer mail services where anyone can open an address ({@code lists/freemail_domains.txt}). */
public final class FreemailDomains {
    private static final Set<String> DOMAINS = ResourceLists.set("lists/freemail_domains.txt");

    private FreemailDomains() {}

    /** Whether a domain (lower case) belongs to a free mail service. */
    public static boolean contains(String domain) {
        return DOMAINS.contains(domain);
    }
}
