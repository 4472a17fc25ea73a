package io.palisade.detection.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.palisade.detection.api.ScanContext;
import io.palisade.detection.config.ResourceFile;
import io.palisade.detection.model.ParsedMessage;
import io.palisade.detection.parse.Deadline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A loaded, compiled rule pack. Immutable and thread-safe: compiled programs are shared by all scans. Rules run
 * in path order and see the signals of the earlier stages, not each other's hits, so their order never changes
 * the outcome.
 */
public final class RuleSet {

    private final List<CompiledRule> rules;
    private final String version;

    RuleSet(List<CompiledRule> rules, String version) {
        this.rules = List.copyOf(rules);
        this.version = Objects.requireNonNull(version, "version");
    }

    /** A rule set with no rules. */
    public static RuleSet empty() {
        return new RuleSet(List.of(), "none");
    }

    /** The rules under {@code rules/} on the classpath; fails naming every invalid file and position. */
    public static RuleSet fromClasspath() {
        return RuleLoader.load(RuleLoader.classpathFiles());
    }

    /** The rules under a folder (its sub-folders are the categories); fails naming every invalid file. */
    public static RuleSet fromDirectory(Path folder) {
        return RuleLoader.load(io.palisade.detection.config.ResourceFolder.fromDirectory(folder, ".yaml"));
    }

    /** The rules in these files; fails naming every invalid file and position. */
    public static RuleSet of(Collection<ResourceFile> files) {
        return RuleLoader.load(List.copyOf(files));
    }

    /** The rules, in evaluation order. */
    public List<Rule> rules() {
        return rules.stream().map(CompiledRule::rule).toList();
    }

    /** The compiled rules, for tests: each condition is compiled once, when the set is loaded. */
    List<CompiledRule> compiled() {
        return rules;
    }

    /** A content hash of the rule files: the rule pack version recorded in verdicts. */
    public String version() {
        return version;
    }

    /**
     * Evaluates every rule against one message.
     *
     * @param signals the names of the signals raised so far (prefilter and analyzers)
     * @param deadline checked between rules
     */
    public RuleOutcome evaluate(ParsedMessage message, ScanContext context, List<String> signals, Deadline deadline) {
        CelMessageModel model = CelMessageModel.of(message, context, signals);
        List<Rule> hits = new ArrayList<>();
        List<RuleOutcome.Failure> failures = new ArrayList<>();
        for (CompiledRule compiled : rules) {
            if (deadline.expired()) {
                return new RuleOutcome(hits, failures, true);
            }
            try {
                if (Boolean.TRUE.equals(compiled.program().eval(model))) {
                    hits.add(compiled.rule());
                }
            } catch (CelEvaluationException | RuntimeException e) {
                failures.add(new RuleOutcome.Failure(compiled.rule(), firstLine(e.getMessage())));
            }
        }
        return new RuleOutcome(hits, failures, false);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "evaluation failed";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A rule with its compiled condition. */
    record CompiledRule(Rule rule, CelRuntime.Program program) {}
}
