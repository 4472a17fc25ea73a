package io.palisade.detection.cli;

import io.palisade.detection.api.RiskLevel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The arithmetic of an evaluation: outcomes of labelled messages, counted by label, level, source and signal.
 * Rates are fractions of the messages of one label; a label without messages has rate 0. Not thread-safe: the
 * command adds outcomes from one thread.
 */
final class Evaluation {

    /**
     * The verdict on one labelled message.
     *
     * @param file the file's name (for listing misses; never its content)
     * @param label the folder's label, e.g. {@code phish}, {@code ham}, {@code spam}
     * @param source where the message came from, e.g. {@code nazario-20051114}
     * @param score the verdict's score
     * @param level the verdict's level
     * @param signals the names of the verdict's signals
     */
    record Outcome(String file, String label, String source, int score, RiskLevel level, List<String> signals) {
        Outcome {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(level, "level");
            signals = List.copyOf(signals);
        }
    }

    /** Counts of a two-class decision: flagged means at or above the threshold level. */
    record Binary(long truePositives, long falseNegatives, long falsePositives, long trueNegatives) {
        double detectionRate() {
            return ratio(truePositives, truePositives + falseNegatives);
        }

        double falsePositiveRate() {
            return ratio(falsePositives, falsePositives + trueNegatives);
        }

        double precision() {
            return ratio(truePositives, truePositives + falsePositives);
        }
    }

    private final List<Outcome> outcomes = new ArrayList<>();

    void add(Outcome outcome) {
        outcomes.add(Objects.requireNonNull(outcome, "outcome"));
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** A new evaluation over the outcomes that match. */
    Evaluation filter(Predicate<Outcome> keep) {
        Evaluation subset = new Evaluation();
        outcomes.stream().filter(keep).forEach(subset::add);
        return subset;
    }

    /** The labels in the order first seen. */
    Set<String> labels() {
        Set<String> labels = new LinkedHashSet<>();
        outcomes.forEach(o -> labels.add(o.label()));
        return labels;
    }

    /** The sources, sorted. */
    Set<String> sources() {
        Set<String> sources = new java.util.TreeSet<>();
        outcomes.forEach(o -> sources.add(o.source()));
        return sources;
    }

    long count(String label) {
        return outcomes.stream().filter(o -> o.label().equals(label)).count();
    }

    long countAtLeast(String label, RiskLevel level) {
        return outcomes.stream()
                .filter(o -> o.label().equals(label) && o.level().atLeast(level))
                .count();
    }

    /** The share of a label's messages at {@code level} or above. */
    double rateAtLeast(String label, RiskLevel level) {
        return ratio(countAtLeast(label, level), count(label));
    }

    /** Rows: the labels; columns: the levels, CLEAN to MALICIOUS, each cell a count of messages. */
    Map<String, long[]> confusion() {
        Map<String, long[]> matrix = new TreeMap<>();
        for (Outcome o : outcomes) {
            matrix.computeIfAbsent(o.label(), l -> new long[RiskLevel.values().length])[
                    o.level().ordinal()]++;
        }
        return matrix;
    }

    /** Phishing against ham at a threshold: other labels (such as spam) count on neither side. */
    Binary binary(String positive, String negative, RiskLevel threshold) {
        long tp = countAtLeast(positive, threshold);
        long fp = countAtLeast(negative, threshold);
        return new Binary(tp, count(positive) - tp, fp, count(negative) - fp);
    }

    /** For each signal, how many messages of each label it appeared on; signals sorted by name. */
    Map<String, Map<String, Long>> signalHits() {
        Map<String, Map<String, Long>> hits = new TreeMap<>();
        for (Outcome o : outcomes) {
            for (String signal : new LinkedHashSet<>(o.signals())) {
                hits.computeIfAbsent(signal, s -> new TreeMap<>()).merge(o.label(), 1L, Long::sum);
            }
        }
        return hits;
    }

    static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
