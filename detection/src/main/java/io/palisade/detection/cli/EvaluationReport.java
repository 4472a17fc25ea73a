package io.palisade.detection.cli;

import io.palisade.detection.api.RiskLevel;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Prints an {@link Evaluation} as Markdown tables, ready to paste into {@code docs/benchmarks.md}. */
final class EvaluationReport {
    private static final List<RiskLevel> FLAG_LEVELS =
            List.of(RiskLevel.LOW, RiskLevel.SUSPICIOUS, RiskLevel.HIGH, RiskLevel.MALICIOUS);

    private final PrintStream out;
    private final String positive;
    private final String negative;
    private final RiskLevel threshold;

    EvaluationReport(PrintStream out, String positive, String negative, RiskLevel threshold) {
        this.out = out;
        this.positive = positive;
        this.negative = negative;
        this.threshold = threshold;
    }

    void print(Evaluation all, Set<String> holdout) {
        levels(all);
        decision("all sources", all);
        if (!holdout.isEmpty()) {
            decision("tuning part (sources not held out)", all.filter(o -> !holdout.contains(o.source())));
            decision("held-out part " + holdout, all.filter(o -> holdout.contains(o.source())));
        }
        confusion(all);
        sources(all, holdout);
        signals(all);
    }

    private void levels(Evaluation e) {
        out.println("## Detection rate per level (share of each label at the level or above)");
        out.println();
        StringBuilder head = new StringBuilder("| label | messages |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        for (RiskLevel level : FLAG_LEVELS) {
            head.append(" >= ").append(level).append(" |");
            rule.append("---:|");
        }
        out.println(head);
        out.println(rule);
        for (String label : e.labels()) {
            StringBuilder row = new StringBuilder("| " + label + " | " + e.count(label) + " |");
            for (RiskLevel level : FLAG_LEVELS) {
                row.append(' ').append(percent(e.rateAtLeast(label, level))).append(" |");
            }
            out.println(row);
        }
        out.println();
    }

    private void decision(String title, Evaluation e) {
        Evaluation.Binary b = e.binary(positive, negative, threshold);
        out.printf(Locale.ROOT, "## %s vs %s at %s or above, %s%n%n", positive, negative, threshold, title);
        out.println("| detection rate | false-positive rate | precision | TP | FN | FP | TN |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|");
        out.printf(
                Locale.ROOT,
                "| %s | %s | %s | %d | %d | %d | %d |%n%n",
                percent(b.detectionRate()),
                percent(b.falsePositiveRate()),
                percent(b.precision()),
                b.truePositives(),
                b.falseNegatives(),
                b.falsePositives(),
                b.trueNegatives());
    }

    private void confusion(Evaluation e) {
        out.println("## Confusion matrix (rows: label, columns: level)");
        out.println();
        StringBuilder head = new StringBuilder("| label |");
        StringBuilder rule = new StringBuilder("|---|");
        for (RiskLevel level : RiskLevel.values()) {
            head.append(' ').append(level).append(" |");
            rule.append("---:|");
        }
        out.println(head);
        out.println(rule);
        for (Map.Entry<String, long[]> row : e.confusion().entrySet()) {
            StringBuilder line = new StringBuilder("| " + row.getKey() + " |");
            for (long cell : row.getValue()) {
                line.append(' ').append(cell).append(" |");
            }
            out.println(line);
        }
        out.println();
    }

    private void sources(Evaluation all, Set<String> holdout) {
        out.printf(Locale.ROOT, "## Per source (flagged: %s or above)%n%n", threshold);
        out.println("| source | part | label | messages | flagged | rate | >= HIGH |");
        out.println("|---|---|---|---:|---:|---:|---:|");
        for (String source : all.sources()) {
            Evaluation e = all.filter(o -> o.source().equals(source));
            for (String label : e.labels()) {
                out.printf(
                        Locale.ROOT,
                        "| %s | %s | %s | %d | %d | %s | %s |%n",
                        source,
                        holdout.contains(source) ? "held out" : "tuning",
                        label,
                        e.count(label),
                        e.countAtLeast(label, threshold),
                        percent(e.rateAtLeast(label, threshold)),
                        percent(e.rateAtLeast(label, RiskLevel.HIGH)));
            }
        }
        out.println();
    }

    private void signals(Evaluation e) {
        Set<String> labels = e.labels();
        out.println("## Hits per signal (messages of each label the signal appeared on)");
        out.println();
        StringBuilder head = new StringBuilder("| signal |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String label : labels) {
            head.append(' ').append(label).append(" |");
            rule.append("---:|");
        }
        out.println(head);
        out.println(rule);
        for (Map.Entry<String, Map<String, Long>> signal : e.signalHits().entrySet()) {
            StringBuilder line = new StringBuilder("| " + signal.getKey() + " |");
            for (String label : labels) {
                long hits = signal.getValue().getOrDefault(label, 0L);
                line.append(String.format(
                        Locale.ROOT, " %d (%s) |", hits, percent(Evaluation.ratio(hits, e.count(label)))));
            }
            out.println(line);
        }
        out.println();
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
