package io.palisade.detection.rules;

import io.palisade.detection.analysis.Analyzers;
import io.palisade.detection.analysis.Findings;
import io.palisade.detection.analysis.banner.BannerMarkerVerifier;
import io.palisade.detection.api.ScanInput;
import io.palisade.detection.engine.DefaultScanner;
import io.palisade.detection.engine.ScanReport;
import io.palisade.detection.testing.TestContext;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the whole rule pack over a folder of {@code .eml} files (for instance the legitimate mail of the shared
 * corpus) and prints, per rule, how many messages it fired on and the first few of them. Scans as the rule
 * harness does: the default analyzers, tenant contoso.com, so every corpus sender is an outside sender. Not a
 * unit test: the corpus is not available everywhere. Usage: {@code RuleCorpusHits folder [examples]}.
 */
public final class RuleCorpusHits {

    private RuleCorpusHits() {}

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        int examples = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        RuleSet rules = RuleSet.fromClasspath();
        DefaultScanner scanner = DefaultScanner.builder()
                .analyzers(Analyzers.defaults(BannerMarkerVerifier.rejectingAll()))
                .rules(rules)
                .build();
        Map<Rule, List<String>> hits = new LinkedHashMap<>();
        rules.rules().forEach(rule -> hits.put(rule, new ArrayList<>()));
        int messages = 0;
        int outOfTime = 0;
        int flagged = 0;
        List<Long> ruleNanos = new ArrayList<>();
        long totalNanos = 0;
        long started = System.nanoTime();
        for (Path file : emlFiles(folder)) {
            ScanReport report =
                    scanner.scanWithReport(new ScanInput.Mail(Files.readAllBytes(file)), TestContext.contoso());
            messages++;
            ruleNanos.add(report.timings()
                    .getOrDefault("rules", java.time.Duration.ZERO)
                    .toNanos());
            totalNanos += report.total().toNanos();
            for (Findings.Finding finding : report.findings()) {
                outOfTime += finding.signal().equals("LIMIT_TIME_BUDGET") ? 1 : 0;
            }
            boolean any = false;
            for (Rule rule : rules.rules()) {
                if (report.findings().contains(new Findings.Finding(rule.signal(), rule.name()))) {
                    hits.get(rule).add(file.getFileName().toString());
                    any = true;
                }
            }
            flagged += any ? 1 : 0;
        }
        double seconds = (System.nanoTime() - started) / 1_000_000_000.0;
        print(new Totals(folder, messages, flagged, outOfTime, seconds), hits, examples);
        printRuleStage(ruleNanos, totalNanos);
    }

    private static List<Path> emlFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
    }

    /** Wall-clock time of the rules stage per message: mean, p99, and its share of the whole scan. */
    private static void printRuleStage(List<Long> ruleNanos, long totalNanos) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        List<Long> sorted = ruleNanos.stream().sorted().toList();
        long sum = sorted.stream().mapToLong(Long::longValue).sum();
        long p99 = sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99)));
        out.printf(
                "rules stage: mean=%.3f ms p99=%.3f ms share_of_scan=%.1f%%%n",
                sorted.isEmpty() ? 0.0 : sum / 1e6 / sorted.size(),
                p99 / 1e6,
                totalNanos == 0 ? 0.0 : 100.0 * sum / totalNanos);
    }

    private record Totals(Path folder, int messages, int flagged, int outOfTime, double seconds) {}

    private static void print(Totals totals, Map<Rule, List<String>> hits, int examples) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        out.printf(
                "folder=%s messages=%d with_a_rule_hit=%d out_of_time=%d seconds=%.1f%n",
                totals.folder(), totals.messages(), totals.flagged(), totals.outOfTime(), totals.seconds());
        int anyRule = 0;
        for (Map.Entry<Rule, List<String>> entry : hits.entrySet()) {
            List<String> files = entry.getValue();
            anyRule += files.size();
            out.printf(
                    "%5d  %s  %s%n",
                    files.size(),
                    entry.getKey().path().replaceFirst("^rules/", "").replaceFirst("\\.yaml$", ""),
                    files.subList(0, Math.min(examples, files.size())));
        }
        out.printf("rule hits in all: %d%n", anyRule);
    }
}
