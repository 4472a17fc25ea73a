package io.palisade.detection.api;

/**
 * Scans one message or chat file. Implementations are thread-safe, never throw on bad input (a malformed
 * input gives a verdict with a {@code PARSE_ISSUE} signal) and bound their time and memory per input.
 */
public interface Scanner {

    /**
     * Scans an input.
     *
     * @param input the raw message or chat file, never null
     * @param context what the tenant knows (its domains, VIPs, lists, indicators, sender history), never null
     * @return the verdict, never null
     */
    Verdict scan(ScanInput input, ScanContext context);
}
