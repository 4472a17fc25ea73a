package io.palisade.detection.score;

import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.ScanContext;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns the hits of one scan into a verdict: composites replace their parts, tenant overrides replace weights,
 * weights add up per group and each group is capped, the sum (0 to 100) maps to a level by the thresholds, and
 * forcing signals raise the level (and the score to that level's threshold). Pure and thread-safe: the same hits
 * and overrides always give the same verdict.
 */
public final class Scorer {

    private static final Comparator<Signal> DECIDING_FIRST =
            Comparator.comparingDouble(Signal::weight).reversed().thenComparing(Signal::name);

    private final SignalCatalogue catalogue;
    private final ScoringConfig config;

    public Scorer(SignalCatalogue catalogue, ScoringConfig config) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Scores the hits of one scan.
     *
     * @param hits in the order found; a signal found twice counts once, with its first detail
     * @param context for the tenant's weight overrides; an override of 0 switches a signal off
     * @param engineVersion recorded in the verdict
     */
    public Verdict score(List<Hit> hits, ScanContext context, String engineVersion) {
        Map<String, Hit> present = applyComposites(firstOfEach(hits));
        Map<String, Double> weights = weights(present.values(), context);
        Map<String, Double> applied = capGroups(present.values(), weights);
        int score = (int) Math.round(
                Math.clamp(applied.values().stream().mapToDouble(w -> w).sum(), 0, 100));
        RiskLevel level = config.levelOf(score);
        for (Hit hit : present.values()) {
            if (weights.get(hit.name()) != 0 && hit.definition().forces().isPresent()) {
                RiskLevel forced = hit.definition().forces().get();
                if (forced.compareTo(level) > 0) {
                    level = forced;
                }
            }
        }
        score = Math.max(score, config.thresholdOf(level));
        return new Verdict(score, level, signals(present.values(), weights, applied), engineVersion);
    }

    private static Map<String, Hit> firstOfEach(List<Hit> hits) {
        Map<String, Hit> first = new LinkedHashMap<>();
        for (Hit hit : hits) {
            first.putIfAbsent(hit.name(), hit);
        }
        return first;
    }

    private Map<String, Hit> applyComposites(Map<String, Hit> fired) {
        Map<String, Hit> result = new LinkedHashMap<>(fired);
        for (SignalDefinition composite : catalogue.composites()) {
            if (composite.replaces().stream().allMatch(fired::containsKey)) {
                String detail = fired.get(composite.replaces().getFirst()).detail();
                composite.replaces().forEach(result::remove);
                result.putIfAbsent(composite.name(), new Hit(composite, detail));
            }
        }
        return result;
    }

    private static Map<String, Double> weights(Iterable<Hit> hits, ScanContext context) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Hit hit : hits) {
            double weight =
                    context.weightOverride(hit.name()).orElse(hit.definition().weight());
            weights.put(hit.name(), Math.clamp(weight, -100, 100));
        }
        return weights;
    }

    /** The points each signal adds after its group's cap: positive weights shrink in proportion. */
    private Map<String, Double> capGroups(Iterable<Hit> hits, Map<String, Double> weights) {
        Map<String, List<Hit>> byGroup = new TreeMap<>();
        for (Hit hit : hits) {
            byGroup.computeIfAbsent(hit.definition().group(), g -> new ArrayList<>())
                    .add(hit);
        }
        Map<String, Double> applied = new LinkedHashMap<>();
        for (Map.Entry<String, List<Hit>> group : byGroup.entrySet()) {
            double cap = catalogue.groupCap(group.getKey()).orElse(100.0);
            double positive = group.getValue().stream()
                    .mapToDouble(h -> Math.max(0, weights.get(h.name())))
                    .sum();
            double factor = positive > cap ? cap / positive : 1;
            for (Hit hit : group.getValue()) {
                double weight = weights.get(hit.name());
                applied.put(hit.name(), weight > 0 ? weight * factor : weight);
            }
        }
        return applied;
    }

    private static List<Signal> signals(Iterable<Hit> hits, Map<String, Double> weights, Map<String, Double> applied) {
        List<Signal> signals = new ArrayList<>();
        for (Hit hit : hits) {
            if (weights.get(hit.name()) == 0 && hit.definition().weight() != 0) {
                continue;
            }
            double points = Math.round(applied.get(hit.name()) * 10) / 10.0;
            SignalDefinition definition = hit.definition();
            signals.add(new Signal(
                    definition.name(), definition.group(), points, definition.reasonFor(hit.detail()), hit.detail()));
        }
        signals.sort(DECIDING_FIRST);
        return signals;
    }
}
