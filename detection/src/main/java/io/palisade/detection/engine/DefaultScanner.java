package io.palisade.detection.engine;

import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.api.ScanContext;
import io.palisade.detection.api.ScanInput;
import io.palisade.detection.api.Scanner;
import io.palisade.detection.api.Verdict;
import io.palisade.detection.config.ConfigException;
import io.palisade.detection.parse.MessageParser;
import io.palisade.detection.parse.ParseLimits;
import io.palisade.detection.rules.Rule;
import io.palisade.detection.rules.RuleSet;
import io.palisade.detection.score.Scorer;
import io.palisade.detection.score.ScoringConfig;
import io.palisade.detection.score.SignalCatalogue;
import io.palisade.detection.score.SignalDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scanner: parse → prefilter → analyzers → rules → model → score → verdict, then the observers. Immutable
 * and thread-safe once built; each scan keeps its state on its own stack. Never throws on bad input: a stage that
 * fails or runs out of time adds a signal saying so, and the verdict rests on the stages that ran.
 *
 * <pre>{@code
 * Scanner scanner = DefaultScanner.builder().analyzers(myAnalyzers).build();
 * Verdict verdict = scanner.scan(new ScanInput.Mail(rawBytes), tenantContext);
 * }</pre>
 */
public final class DefaultScanner implements Scanner {

    /** The version of the engine's own logic, recorded in every verdict next to the rule and config versions. */
    public static final String ENGINE_VERSION = "0.1.0";

    private static final Logger LOG = LoggerFactory.getLogger(DefaultScanner.class);

    final MessageParser parser;
    final List<Analyzer> prefilter;
    final List<Analyzer> analyzers;
    final RuleSet rules;
    final Optional<ModelStage> model;
    final List<ScanObserver> observers;
    final SignalCatalogue catalogue;
    final Scorer scorer;
    final Map<String, SignalDefinition> ruleSignals;
    final boolean strictSignals;
    final Set<String> reportedUnknown = FindingsCollector.newReportedSet();
    private final String engineVersion;

    private DefaultScanner(Builder builder) {
        this.parser = new MessageParser(builder.limits);
        this.prefilter = List.copyOf(builder.prefilter);
        this.analyzers = List.copyOf(builder.analyzers);
        this.rules = builder.rules;
        this.model = Optional.ofNullable(builder.model);
        this.observers = List.copyOf(builder.observers);
        this.catalogue = builder.catalogue;
        this.scorer = new Scorer(builder.catalogue, builder.scoring);
        this.ruleSignals = ruleSignals(builder.rules, builder.catalogue, builder.scoring);
        this.strictSignals = builder.strictSignals;
        this.engineVersion = "engine=" + ENGINE_VERSION + " rules=" + rules.version() + " config="
                + builder.catalogue.version() + "." + builder.scoring.version()
                + model.map(m -> " model=" + m.name() + ":" + m.version()).orElse("");
        checkDeclaredSignals();
    }

    /** A builder with the classpath catalogue, scoring and rules, default limits, and no analyzers. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Verdict scan(ScanInput input, ScanContext context) {
        return scanWithReport(input, context).verdict();
    }

    /** Scans and returns the verdict with the parsed message, findings and per-stage timings. Never throws. */
    public ScanReport scanWithReport(ScanInput input, ScanContext context) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(context, "context");
        ScanReport report = new ScanRun(this, context).run(input);
        LOG.debug(
                "event=scanned score={} level={} signals={} micros={}",
                report.verdict().score(),
                report.verdict().level(),
                report.verdict().signals().size(),
                report.total().toNanos() / 1000);
        for (ScanObserver observer : observers) {
            try {
                observer.scanned(report);
            } catch (RuntimeException e) {
                LOG.error(
                        "event=observer_failed observer={}", observer.getClass().getName(), e);
            }
        }
        return report;
    }

    /** The versions of engine, rules and configuration this scanner records in its verdicts. */
    public String engineVersion() {
        return engineVersion;
    }

    /** The definition a signal resolves to: the catalogue's, else the one made for an uncatalogued rule. */
    Optional<SignalDefinition> definition(String signal) {
        return catalogue.find(signal).or(() -> Optional.ofNullable(ruleSignals.get(signal)));
    }

    private void checkDeclaredSignals() {
        Set<String> missing = new TreeSet<>();
        List<Analyzer> all = new ArrayList<>(prefilter);
        all.addAll(analyzers);
        for (Analyzer analyzer : all) {
            analyzer.signals().stream()
                    .filter(s -> !catalogue.contains(s))
                    .forEach(s -> missing.add(analyzer.name() + ":" + s));
        }
        model.ifPresent(m ->
                m.signals().stream().filter(s -> !catalogue.contains(s)).forEach(s -> missing.add(m.name() + ":" + s)));
        if (!missing.isEmpty()) {
            throw new ConfigException("signals missing from the catalogue (signals/*.yaml): " + missing);
        }
    }

    private static Map<String, SignalDefinition> ruleSignals(
            RuleSet rules, SignalCatalogue catalogue, ScoringConfig scoring) {
        Map<String, SignalDefinition> definitions = new HashMap<>();
        List<Rule> bySeverity = rules.rules().stream()
                .sorted(Comparator.comparing(Rule::severity).reversed().thenComparing(Rule::path))
                .toList();
        for (Rule rule : bySeverity) {
            if (catalogue.contains(rule.signal()) || definitions.containsKey(rule.signal())) {
                continue;
            }
            ScoringConfig.SeverityScore score = scoring.severities().get(rule.severity());
            definitions.put(
                    rule.signal(),
                    new SignalDefinition(
                            rule.signal(),
                            rule.description(),
                            rule.reason().orElse(rule.description()),
                            score.weight(),
                            scoring.ruleGroup(),
                            score.forces(),
                            List.of()));
        }
        return Map.copyOf(definitions);
    }

    /** Builds a {@link DefaultScanner}; not thread-safe, use once. */
    public static final class Builder {
        private ParseLimits limits = ParseLimits.defaults();
        private final List<Analyzer> prefilter = new ArrayList<>();
        private final List<Analyzer> analyzers = new ArrayList<>();
        private final List<ScanObserver> observers = new ArrayList<>();
        private RuleSet rules;
        private ModelStage model;
        private SignalCatalogue catalogue;
        private ScoringConfig scoring;
        private boolean strictSignals;

        private Builder() {}

        /** The parse and time limits; default {@link ParseLimits#defaults()}. */
        public Builder limits(ParseLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /** Analyzers run first (allow and block lists, indicator lookups), in the order given. */
        public Builder prefilter(List<? extends Analyzer> value) {
            prefilter.addAll(value);
            return this;
        }

        /** Analyzers run after the prefilter, in the order given. */
        public Builder analyzers(List<? extends Analyzer> value) {
            analyzers.addAll(value);
            return this;
        }

        /** The rule pack; default the rules under {@code rules/} on the classpath. */
        public Builder rules(RuleSet value) {
            this.rules = Objects.requireNonNull(value, "rules");
            return this;
        }

        /** The model stage; default none. */
        public Builder model(ModelStage value) {
            this.model = Objects.requireNonNull(value, "model");
            return this;
        }

        /** An observer told about every scan, in the order added. */
        public Builder observer(ScanObserver value) {
            observers.add(Objects.requireNonNull(value, "observer"));
            return this;
        }

        /** The signal catalogue; default {@code signals/*.yaml} on the classpath. */
        public Builder catalogue(SignalCatalogue value) {
            this.catalogue = Objects.requireNonNull(value, "catalogue");
            return this;
        }

        /** The scoring thresholds and severities; default {@code detection-scoring.yaml} on the classpath. */
        public Builder scoring(ScoringConfig value) {
            this.scoring = Objects.requireNonNull(value, "scoring");
            return this;
        }

        /** Whether a signal missing from the catalogue throws (for tests) instead of being logged and dropped. */
        public Builder strictSignals(boolean value) {
            this.strictSignals = value;
            return this;
        }

        /**
         * The scanner.
         *
         * @throws ConfigException when the configuration is invalid or an analyzer declares an uncatalogued signal
         */
        public DefaultScanner build() {
            catalogue = catalogue != null ? catalogue : SignalCatalogue.fromClasspath();
            scoring = scoring != null ? scoring : ScoringConfig.fromClasspath();
            rules = rules != null ? rules : RuleSet.fromClasspath();
            return new DefaultScanner(this);
        }
    }
}
