package io.palisade.detection.engine;

import io.palisade.detection.analysis.Findings;
import io.palisade.detection.api.IndicatorKey;
import io.palisade.detection.api.Verdict;
import io.palisade.detection.model.ParsedMessage;
import io.palisade.detection.parse.ParseIssue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A verdict with how it was reached: the parsed message, every finding before scoring, the parse issues, and the
 * time each stage took.
 *
 * @param verdict the verdict, never null
 * @param message the parsed message (for indicators such as URLs and file hashes), never null
 * @param findings every finding in the order reported, before composites and caps, never null
 * @param parseIssues what the parser guessed or cut, never null
 * @param timings time per stage in pipeline order: {@code parse}, {@code prefilter}, {@code analyzer.<name>} for
 *     each analyzer, {@code analyzers}, {@code rules}, {@code model}, {@code score}; skipped stages are absent
 * @param carried every value the message was looked up by in the threat-intelligence indicators (its sender,
 *     domains, links, IPs and file hashes, including links read from PDFs and QR codes), never null; a scan that
 *     ran out of time before the prefilter has none
 */
public record ScanReport(
        Verdict verdict,
        ParsedMessage message,
        List<Findings.Finding> findings,
        List<ParseIssue> parseIssues,
        Map<String, Duration> timings,
        List<IndicatorKey> carried) {

    public ScanReport {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(message, "message");
        findings = List.copyOf(findings);
        parseIssues = List.copyOf(parseIssues);
        timings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings));
        carried = List.copyOf(carried);
    }

    /** The whole scan's time: the sum of the top-level stages. */
    public Duration total() {
        return timings.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("analyzer."))
                .map(Map.Entry::getValue)
                .reduce(Duration.ZERO, Duration::plus);
    }
}
