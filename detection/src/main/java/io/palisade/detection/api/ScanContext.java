package io.palisade.detection.api;

import java.util.Optional;
import java.util.Set;

/**
 * What the tenant knows, supplied by the caller ({@code core} backs it with the database). Implementations
 * answer from memory: the scanner calls them on its hot path.
 */
public interface ScanContext {

    /** The tenant's own domains, lower case, never null. */
    Set<String> ownDomains();

    /** Display names of people an outsider must not pose as (executives, finance), never null. */
    Set<String> vipNames();

    /** Display names of everyone in the tenant; used to spot an outsider using an insider's name. */
    Set<String> internalDisplayNames();

    /** The tenant's brand names, never null. */
    Set<String> brandNames();

    /** Allow and block list entries: addresses, domains, URLs; never null. */
    ListLookup allowList();

    /** Allow and block list entries: addresses, domains, URLs; never null. */
    ListLookup blockList();

    /** Threat-intelligence indicators, never null. */
    IndicatorLookup indicators();

    /** Sender history: first contact and how often a sender wrote to a recipient, never null. */
    SenderHistory senderHistory();

    /** Per-tenant weight overrides by signal name. */
    Optional<Double> weightOverride(String signalName);

    /** Authserv-ids whose Authentication-Results headers are trusted (the receiving platform's). */
    Set<String> trustedAuthservIds();

    /**
     * The id of the tenant whose mail is scanned, when the caller knows it. Banner markers must name this tenant to
     * count as genuine; without it, a marker signed for any tenant is accepted.
     */
    default Optional<String> tenantId() {
        return Optional.empty();
    }

    /** A lookup in an allow or block list. */
    interface ListLookup {
        boolean containsAddress(String address);

        boolean containsDomain(String domain);

        boolean containsUrl(String url);
    }

    /** A lookup of threat-intelligence indicators. */
    interface IndicatorLookup {
        /** The matching indicator's kind and source, or empty. Kinds: SENDER, DOMAIN, URL, SHA256, IP. */
        Optional<Indicator> find(IndicatorKind kind, String value);
    }

    /** The kinds of indicators. */
    enum IndicatorKind {
        SENDER,
        DOMAIN,
        URL,
        SHA256,
        IP
    }

    /**
     * A matched indicator.
     *
     * @param kind what it matched
     * @param value the indicator's value
     * @param source where the indicator came from (a feed, an analyst)
     * @param confidence 0 to 100
     */
    record Indicator(IndicatorKind kind, String value, String source, int confidence) {}

    /** The history between senders and recipients in this tenant. */
    interface SenderHistory {
        /** How many messages this sender address sent to this recipient before. */
        int messagesFromSenderTo(String senderAddress, String recipientAddress);

        /** How many messages this sender address sent to anyone in the tenant before. */
        int messagesFromSender(String senderAddress);
    }
}
