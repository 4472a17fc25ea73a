package io.palisade.simulator.google;

import java.util.function.Predicate;

/**
 * The part of Gmail's search syntax ({@code q}) the simulator understands: {@code rfc822msgid:<id>}. Any other term
 * is refused with 400, so that a client relying on search notices instead of getting every message.
 */
final class SearchQuery {

    private SearchQuery() {}

    static Predicate<GmailMessage> parse(String q) {
        if (q == null || q.isBlank()) {
            return message -> true;
        }
        Predicate<GmailMessage> all = message -> true;
        for (String term : q.trim().split("\\s+")) {
            all = all.and(term(term));
        }
        return all;
    }

    private static Predicate<GmailMessage> term(String term) {
        if (term.regionMatches(true, 0, "rfc822msgid:", 0, 12)) {
            String wanted = strip(term.substring(12));
            return message -> message.rfc822MessageId() != null
                    && strip(message.rfc822MessageId()).equals(wanted);
        }
        throw GmailException.invalid("The simulator's search supports only rfc822msgid:, got: " + term);
    }

    private static String strip(String id) {
        return id.replace("<", "").replace(">", "").trim();
    }
}
