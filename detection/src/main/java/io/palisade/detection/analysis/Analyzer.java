package io.palisade.detection.analysis;

import io.palisade.detection.api.ScanContext;
import io.palisade.detection.model.ParsedMessage;
import java.util.Set;

/**
 * One detection layer. Analyzers are stateless and thread-safe, read the parsed message and the tenant's
 * context, and report findings by signal name; weights, groups and reasons come from the signal catalogue.
 */
public interface Analyzer {

    /** A short stable name for logs and timings, e.g. {@code sender}. */
    String name();

    /**
     * Analyzes one message. Must not throw on odd input; must not keep references to the message.
     *
     * @param message the parsed message, never null
     * @param context the tenant's context, never null
     * @param findings where to report, never null
     */
    void analyze(ParsedMessage message, ScanContext context, Findings findings);

    /**
     * Every signal name this analyzer may report. The scanner refuses to start when one is missing from the signal
     * catalogue, and tests check the same, so a misspelt name fails the build instead of vanishing at run time.
     */
    default Set<String> signals() {
        return Set.of();
    }
}
