package io.palisade.detection.engine;

import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.analysis.Findings;
import io.palisade.detection.api.ScanContext;
import io.palisade.detection.api.ScanInput;
import io.palisade.detection.api.Verdict;
import io.palisade.detection.model.Address;
import io.palisade.detection.model.ParsedMessage;
import io.palisade.detection.parse.Deadline;
import io.palisade.detection.parse.ParseIssue;
import io.palisade.detection.parse.ParseResult;
import io.palisade.detection.rules.Rule;
import io.palisade.detection.rules.RuleOutcome;
import io.palisade.detection.score.Hit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One scan through the stages of a {@link DefaultScanner}. Holds that scan's state; used once, by one thread. */
final class ScanRun {

    private static final Logger LOG = LoggerFactory.getLogger(ScanRun.class);

    private final DefaultScanner scanner;
    private final ScanContext context;
    private final Deadline deadline;
    private final FindingsCollector findings;
    private final Map<String, Duration> timings = new LinkedHashMap<>();
    private ParseResult parsed = new ParseResult(emptyMessage(), List.of());
    private boolean outOfTime;

    ScanRun(DefaultScanner scanner, ScanContext context) {
        this.scanner = scanner;
        this.context = context;
        this.deadline = Deadline.after(scanner.parser.limits().timeBudget());
        Set<String> ruleSignals = scanner.ruleSignals.keySet();
        this.findings =
                new FindingsCollector(scanner.catalogue, ruleSignals, scanner.strictSignals, scanner.reportedUnknown);
    }

    ScanReport run(ScanInput input) {
        try {
            parsed = timed("parse", () -> scanner.parser.parse(input, deadline));
            parsed.issues().forEach(issue -> findings.add(issue.kind().signal(), issue.detail()));
            stage("prefilter", () -> analyze(scanner.prefilter));
            stage("analyzers", () -> analyze(scanner.analyzers));
            stage("rules", this::rules);
            scanner.model.ifPresent(model -> stage("model", () -> model(model)));
        } catch (UnknownSignalException e) {
            // Only strict scanners (tests) throw it, and there it must reach the test.
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            fail(e);
        }
        Verdict verdict = timed("score", this::score);
        return new ScanReport(verdict, parsed.message(), findings.all(), parsed.issues(), timings, findings.carried());
    }

    private void stage(String name, Runnable body) {
        if (outOfTime || deadline.expired()) {
            if (!outOfTime) {
                findings.add(ParseIssue.Kind.TIME_BUDGET.signal(), "stopped before " + name);
            }
            outOfTime = true;
            return;
        }
        timed(name, () -> {
            body.run();
            return null;
        });
    }

    private void analyze(List<Analyzer> analyzers) {
        for (Analyzer analyzer : analyzers) {
            if (deadline.expired()) {
                findings.add(ParseIssue.Kind.TIME_BUDGET.signal(), "stopped before " + analyzer.name());
                outOfTime = true;
                return;
            }
            long start = System.nanoTime();
            try {
                analyzer.analyze(parsed.message(), context, findings);
            } catch (UnknownSignalException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                analyzerFailed(analyzer, e);
            }
            timings.put("analyzer." + analyzer.name(), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private void analyzerFailed(Analyzer analyzer, Throwable e) {
        LOG.error("event=analyzer_failed analyzer={} error={}", analyzer.name(), e.toString(), e);
        findings.add("ANALYZER_FAILED", analyzer.name());
    }

    private void rules() {
        RuleOutcome outcome = scanner.rules.evaluate(parsed.message(), context, findings.names(), deadline);
        for (Rule rule : outcome.hits()) {
            findings.add(rule.signal(), rule.name());
        }
        for (RuleOutcome.Failure failure : outcome.failures()) {
            LOG.warn(
                    "event=rule_failed rule_id={} path={} error={}",
                    failure.rule().id(),
                    failure.rule().path(),
                    failure.error());
            findings.add("RULE_FAILED", failure.rule().id().toString());
        }
        if (outcome.outOfTime()) {
            findings.add(ParseIssue.Kind.TIME_BUDGET.signal(), "rules stopped");
            outOfTime = true;
        }
    }

    private void model(ModelStage model) {
        try {
            model.evaluate(parsed.message(), context, List.copyOf(findings.all()), findings);
        } catch (RuntimeException e) {
            LOG.error("event=model_failed model={} error={}", model.name(), e.toString(), e);
            findings.add("MODEL_FAILED", model.name());
        }
    }

    private Verdict score() {
        List<Hit> hits = new ArrayList<>();
        for (Findings.Finding finding : findings.all()) {
            scanner.definition(finding.signal()).ifPresent(d -> hits.add(new Hit(d, finding.detail())));
        }
        return scanner.scorer.score(hits, context, scanner.engineVersion());
    }

    private void fail(Throwable e) {
        LOG.error("event=scan_failed error={}", e.toString(), e);
        findings.add("SCAN_FAILED", e.getClass().getSimpleName());
    }

    private <T> T timed(String name, Supplier<T> body) {
        long start = System.nanoTime();
        try {
            return body.get();
        } finally {
            timings.put(name, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static ParsedMessage emptyMessage() {
        return new ParsedMessage(
                new Address("", ""),
                Optional.empty(),
                List.of(),
                "",
                List.of(),
                List.of(),
                "",
                Map.of(),
                "",
                Optional.empty(),
                List.of(),
                List.of(),
                List.of());
    }
}
