package io.palisade.detection.rules;

import java.util.List;

/**
 * What the rules found in one message.
 *
 * @param hits the rules whose condition held, in rule-set order, never null
 * @param failures the rules that could not be evaluated, each with a short reason, never null
 * @param outOfTime whether evaluation stopped at the deadline before every rule ran
 */
public record RuleOutcome(List<Rule> hits, List<Failure> failures, boolean outOfTime) {

    public RuleOutcome {
        hits = List.copyOf(hits);
        failures = List.copyOf(failures);
    }

    /**
     * A rule that failed on this message.
     *
     * @param rule the rule
     * @param error what CEL reported, first line only
     */
    public record Failure(Rule rule, String error) {}
}
