package io.palisade.detection.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.analysis.Findings;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.ScanContext;
import io.palisade.detection.api.ScanInput;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import io.palisade.detection.config.ConfigException;
import io.palisade.detection.config.ResourceFile;
import io.palisade.detection.model.ParsedMessage;
import io.palisade.detection.parse.ParseLimits;
import io.palisade.detection.rules.RuleSet;
import io.palisade.detection.testing.Fixtures;
import io.palisade.detection.testing.TestContext;
import io.palisade.detection.testing.TestSignals;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class DefaultScannerTest {

    private static final ParseLimits NO_TIME_PRESSURE = ParseLimits.defaults().withTimeBudget(Duration.ofMinutes(10));
    private static final ScanInput PLAIN = new ScanInput.Mail(Fixtures.bytes("mail/plain.eml"));

    /** A test analyzer that reports through a lambda. */
    private record TestAnalyzer(String name, Set<String> signals, BiConsumer<ParsedMessage, Findings> body)
            implements Analyzer {
        @Override
        public void analyze(ParsedMessage message, ScanContext context, Findings findings) {
            body.accept(message, findings);
        }
    }

    private static TestAnalyzer reporting(String name, String signal, String detail) {
        return new TestAnalyzer(name, Set.of(signal), (m, f) -> f.add(signal, detail));
    }

    private static DefaultScanner.Builder builder() {
        return DefaultScanner.builder()
                .catalogue(TestSignals.catalogue())
                .limits(NO_TIME_PRESSURE)
                .rules(RuleSet.empty())
                .strictSignals(true);
    }

    private static RuleSet rule(String severity, String condition, String extra) {
        return RuleSet.of(List.of(new ResourceFile("rules/test/rule.yaml", """
                id: 0b6f2a5e-3c55-4a39-9a7e-5d1f0e0c7b21
                name: "Test: rule under test"
                description: A rule for the scanner test.
                severity: %s
                reason: A test rule matched.
                condition: '%s'
                %s
                """.formatted(severity, condition, extra))));
    }

    @Test
    void runsTheStagesInOrderAndReportsTheTimeOfEach() {
        ModelStage model = new TestModel((soFar, findings) -> {});
        DefaultScanner scanner = builder()
                .prefilter(List.of(reporting("lists", "TEST_SEEN", "")))
                .analyzers(List.of(reporting("alpha", "TEST_ALPHA", "a")))
                .model(model)
                .build();

        ScanReport report = scanner.scanWithReport(PLAIN, TestContext.contoso());

        assertThat(report.timings().keySet())
                .containsExactly(
                        "parse",
                        "analyzer.lists",
                        "prefilter",
                        "analyzer.alpha",
                        "analyzers",
                        "rules",
                        "model",
                        "score");
        assertThat(report.timings().values()).allMatch(d -> !d.isNegative());
        assertThat(report.findings()).extracting(Findings.Finding::signal).containsExactly("TEST_SEEN", "TEST_ALPHA");
    }

    @Test
    void letsRulesSeeTheSignalsOfEarlierStagesAndScoresAHitBySeverity() {
        DefaultScanner scanner = builder()
                .analyzers(List.of(reporting("alpha", "TEST_ALPHA", "a")))
                .rules(rule("high", "\"TEST_ALPHA\" in signals", ""))
                .build();

        Verdict verdict = scanner.scan(PLAIN, TestContext.contoso());

        assertThat(verdict.signals())
                .filteredOn(s -> s.name().equals("TEST_RULE_UNDER_TEST"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.weight()).isEqualTo(45);
                    assertThat(s.group()).isEqualTo("rules");
                    assertThat(s.reason()).isEqualTo("A test rule matched.");
                    assertThat(s.evidence()).isEqualTo("Test: rule under test");
                });
        assertThat(verdict.score()).isEqualTo(75);
        assertThat(verdict.level()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void doesNotFireARuleWhoseConditionFails() {
        DefaultScanner scanner =
                builder().rules(rule("high", "\"TEST_ALPHA\" in signals", "")).build();

        Verdict verdict = scanner.scan(PLAIN, TestContext.contoso());

        assertThat(verdict.signals()).isEmpty();
        assertThat(verdict.level()).isEqualTo(RiskLevel.CLEAN);
    }

    @Test
    void scoresARuleHitByTheCatalogueWhenItListsTheRulesSignal() {
        DefaultScanner scanner =
                builder().rules(rule("low", "true", "signal: TEST_BETA")).build();

        Verdict verdict = scanner.scan(PLAIN, TestContext.contoso());

        assertThat(verdict.signals()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("TEST_BETA");
            assertThat(s.weight()).isEqualTo(30);
            assertThat(s.reason()).isEqualTo("Beta found.");
        });
    }

    @Test
    void forcesHighForACriticalRule() {
        DefaultScanner scanner = builder().rules(rule("critical", "true", "")).build();

        assertThat(scanner.scan(PLAIN, TestContext.contoso()).level()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void givesTheModelStageTheEarlierFindingsAndKeepsWhatItAdds() {
        List<String> seen = new ArrayList<>();
        DefaultScanner scanner = builder()
                .analyzers(List.of(reporting("alpha", "TEST_ALPHA", "a")))
                .model(new TestModel((soFar, findings) -> {
                    soFar.forEach(f -> seen.add(f.signal()));
                    findings.add("TEST_BETA", "model");
                }))
                .build();

        Verdict verdict = scanner.scan(PLAIN, TestContext.contoso());

        assertThat(seen).containsExactly("TEST_ALPHA");
        assertThat(verdict.signals()).extracting(Signal::name).containsExactly("TEST_ALPHA_AND_BETA");
        assertThat(scanner.engineVersion()).contains("model=test-model:m1");
    }

    @Test
    void recordsAFailingAnalyzerAndStillRunsTheOthers() {
        TestAnalyzer broken = new TestAnalyzer("broken", Set.of(), (m, f) -> {
            throw new IllegalStateException("bug");
        });
        DefaultScanner scanner = builder()
                .analyzers(List.of(broken, reporting("alpha", "TEST_ALPHA", "a")))
                .build();

        Verdict verdict = scanner.scan(PLAIN, TestContext.contoso());

        assertThat(verdict.signals()).extracting(Signal::name).containsExactly("TEST_ALPHA", "ANALYZER_FAILED");
        assertThat(verdict.signals().get(1).evidence()).isEqualTo("broken");
    }

    @Test
    void throwsOnAnUncataloguedSignalWhenStrictAndDropsItOtherwise() {
        TestAnalyzer misspelt = new TestAnalyzer("typo", Set.of(), (m, f) -> f.add("TEST_ALHPA", ""));

        assertThatThrownBy(() -> builder().analyzers(List.of(misspelt)).build().scan(PLAIN, TestContext.contoso()))
                .isInstanceOf(UnknownSignalException.class)
                .hasMessageContaining("TEST_ALHPA");
        Verdict lenient = builder()
                .analyzers(List.of(misspelt))
                .strictSignals(false)
                .build()
                .scan(PLAIN, TestContext.contoso());
        assertThat(lenient.signals()).isEmpty();
    }

    @Test
    void refusesToStartWhenAnAnalyzerDeclaresAnUncataloguedSignal() {
        TestAnalyzer declared = new TestAnalyzer("typo", Set.of("TEST_ALHPA"), (m, f) -> {});

        assertThatThrownBy(() -> builder().analyzers(List.of(declared)).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("typo:TEST_ALHPA");
    }

    @Test
    void tellsObserversTheVerdictAndIgnoresAnObserverThatFails() {
        List<Verdict> observed = new ArrayList<>();
        DefaultScanner scanner = builder()
                .analyzers(List.of(reporting("alpha", "TEST_ALPHA", "a")))
                .observer(report -> {
                    throw new IllegalStateException("observer bug");
                })
                .observer(report -> observed.add(report.verdict()))
                .build();

        Verdict verdict = scanner.scan(PLAIN, TestContext.contoso());

        assertThat(observed).containsExactly(verdict);
        assertThat(verdict.score()).isEqualTo(30);
    }

    @Test
    void skipsTheRemainingStagesWhenTheTimeBudgetIsSpent() {
        List<String> ran = new ArrayList<>();
        DefaultScanner scanner = builder()
                .limits(ParseLimits.defaults().withTimeBudget(Duration.ofNanos(1)))
                .analyzers(List.of(new TestAnalyzer("alpha", Set.of(), (m, f) -> ran.add("alpha"))))
                .build();

        ScanReport report = scanner.scanWithReport(PLAIN, TestContext.contoso());

        assertThat(ran).isEmpty();
        assertThat(report.verdict().has("LIMIT_TIME_BUDGET")).isTrue();
        assertThat(report.timings()).containsKeys("parse", "score").doesNotContainKey("analyzers");
    }

    @Test
    void givesAVerdictWithAParseIssueForMalformedMail() {
        byte[] raw = "From: a@b.example\r\nContent-Type: text/plain; charset=x-nope\r\n\r\nhi"
                .getBytes(StandardCharsets.US_ASCII);

        Verdict verdict = builder().build().scan(new ScanInput.Mail(raw), TestContext.contoso());

        assertThat(verdict.signals()).extracting(Signal::name).containsExactly("PARSE_ISSUE");
        assertThat(verdict.level()).isEqualTo(RiskLevel.CLEAN);
    }

    @Test
    void scansAChatFileAsAMessageWithOneAttachment() {
        DefaultScanner scanner = DefaultScanner.builder()
                .limits(NO_TIME_PRESSURE)
                .strictSignals(true)
                .build();
        byte[] page = "<!DOCTYPE html><html><body><form action=https://x.example.net></form></body></html>"
                .getBytes(StandardCharsets.US_ASCII);

        Verdict outside =
                scanner.scan(new ScanInput.ChatFile(page, "invoice.html", "bob@fabrikam.com"), TestContext.contoso());
        Verdict inside =
                scanner.scan(new ScanInput.ChatFile(page, "invoice.html", "ann@contoso.com"), TestContext.contoso());

        assertThat(outside.has("HTML_ATTACHMENT_FROM_OUTSIDE")).isTrue();
        assertThat(inside.has("HTML_ATTACHMENT_FROM_OUTSIDE")).isFalse();
    }

    @Test
    void recordsTheVersionsOfEngineRulesAndConfigurationAndChangesThemWithTheRules() {
        DefaultScanner one = builder().rules(rule("low", "false", "")).build();
        DefaultScanner two =
                builder().rules(rule("low", "subject == \"x\"", "")).build();

        Verdict verdict = one.scan(PLAIN, TestContext.contoso());

        assertThat(verdict.engineVersion())
                .matches("engine=\\S+ rules=[0-9a-f]{12} config=[0-9a-f]{12}\\.[0-9a-f]{12}");
        assertThat(two.engineVersion()).isNotEqualTo(one.engineVersion());
    }

    @Test
    void givesTheSameVerdictsWhenScanningConcurrently() throws Exception {
        DefaultScanner scanner =
                DefaultScanner.builder().limits(NO_TIME_PRESSURE).build();
        List<ScanInput> inputs = new ArrayList<>();
        for (String fixture : List.of(
                "mail/plain.eml",
                "mail/alternative.eml",
                "mail/attachment.eml",
                "rule-fixtures/payment-fraud/bank-details-change/must-fire/new-iban.eml")) {
            inputs.add(new ScanInput.Mail(Fixtures.bytes(fixture)));
        }
        List<Verdict> expected =
                inputs.stream().map(i -> scanner.scan(i, TestContext.contoso())).toList();

        List<Future<List<Verdict>>> runs = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int thread = 0; thread < 4; thread++) {
                runs.add(pool.submit(() -> {
                    List<Verdict> verdicts = new ArrayList<>();
                    for (int round = 0; round < 10; round++) {
                        inputs.forEach(i -> verdicts.add(scanner.scan(i, TestContext.contoso())));
                    }
                    return verdicts;
                }));
            }
            for (Future<List<Verdict>> run : runs) {
                List<Verdict> verdicts = run.get();
                for (int i = 0; i < verdicts.size(); i++) {
                    assertThat(verdicts.get(i)).isEqualTo(expected.get(i % inputs.size()));
                }
            }
        }
        assertThat(expected.get(3).has("PAYMENT_FRAUD_OUTSIDE_SENDER_ASKS_TO_CHANGE_BANK_DETAILS"))
                .isTrue();
    }

    /** A model stage that runs a lambda. */
    private record TestModel(BiConsumer<List<Findings.Finding>, Findings> body) implements ModelStage {
        @Override
        public String name() {
            return "test-model";
        }

        @Override
        public String version() {
            return "m1";
        }

        @Override
        public Set<String> signals() {
            return Set.of("TEST_BETA");
        }

        @Override
        public void evaluate(
                ParsedMessage message, ScanContext context, List<Findings.Finding> soFar, Findings findings) {
            body.accept(soFar, findings);
        }
    }
}
