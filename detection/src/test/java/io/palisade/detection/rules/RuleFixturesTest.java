package io.palisade.detection.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.detection.analysis.Analyzers;
import io.palisade.detection.analysis.Findings;
import io.palisade.detection.analysis.banner.BannerMarkerVerifier;
import io.palisade.detection.api.ScanInput;
import io.palisade.detection.config.ResourceFile;
import io.palisade.detection.config.ResourceFolder;
import io.palisade.detection.engine.DefaultScanner;
import io.palisade.detection.engine.ScanReport;
import io.palisade.detection.parse.ParseLimits;
import io.palisade.detection.testing.Fixtures;
import io.palisade.detection.testing.TestContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule harness: every rule under {@code rules/<category>/<name>.yaml} has fixtures under
 * {@code rule-fixtures/<category>/<name>/must-fire/*.eml} and {@code .../must-not-fire/*.eml}, and each fixture is
 * scanned by the full scanner (the eight default analyzers, the whole rule pack) for the tenant contoso.com.
 * Adding a rule and its fixture folders is all it takes to test it.
 */
class RuleFixturesTest {

    private static final String ROOT = "rule-fixtures";
    private static final String MUST_FIRE = "must-fire";
    private static final String MUST_NOT_FIRE = "must-not-fire";

    private static final RuleSet RULES = RuleSet.fromClasspath();
    private static final DefaultScanner SCANNER = DefaultScanner.builder()
            .analyzers(Analyzers.defaults(BannerMarkerVerifier.rejectingAll()))
            .rules(RULES)
            .limits(ParseLimits.defaults().withTimeBudget(Duration.ofMinutes(10)))
            .strictSignals(true)
            .build();

    /** Every fixture: the rule it belongs to, whether it must fire, its classpath path. */
    static Stream<Arguments> fixtures() {
        Map<String, Rule> rules = RULES.rules().stream().collect(Collectors.toMap(RuleFixturesTest::folder, r -> r));
        return fixturePaths().stream().map(path -> {
            String[] parts = path.split("/");
            Rule rule = rules.get(parts[1] + "/" + parts[2]);
            return Arguments.of(
                    rule == null ? parts[1] + "/" + parts[2] : rule.name(), rule, MUST_FIRE.equals(parts[3]), path);
        });
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("fixtures")
    void firesExactlyOnTheFixturesThatMustFire(String ruleName, Rule rule, boolean mustFire, String path) {
        assertThat(rule).as("no rule for fixture folder of %s", path).isNotNull();

        ScanReport report = SCANNER.scanWithReport(new ScanInput.Mail(Fixtures.bytes(path)), TestContext.contoso());

        boolean fired = report.findings().contains(new Findings.Finding(rule.signal(), rule.name()));
        assertThat(fired)
                .as("%s %s on %s", rule.name(), mustFire ? "must fire" : "must not fire", path)
                .isEqualTo(mustFire);
    }

    @Test
    void everyRuleHasFixturesThatMustFireAndFixturesThatMustNot() {
        Set<String> folders = fixturePaths().stream()
                .map(p -> p.split("/"))
                .map(p -> p[1] + "/" + p[2] + "/" + p[3])
                .collect(Collectors.toCollection(TreeSet::new));

        for (Rule rule : RULES.rules()) {
            assertThat(folders)
                    .as("fixtures of %s", rule.path())
                    .contains(folder(rule) + "/" + MUST_FIRE, folder(rule) + "/" + MUST_NOT_FIRE);
        }
    }

    @Test
    void shipsAtLeastFortyRulesCoveringEveryCategoryOfThePack() {
        assertThat(RULES.rules()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(RULES.rules())
                .extracting(Rule::category)
                .contains(
                        "credential-phishing",
                        "brand-impersonation",
                        "payment-fraud",
                        "gift-card-fraud",
                        "malicious-attachment",
                        "qr-code-phishing",
                        "callback-scam",
                        "html-smuggling",
                        "lookalike-domain");
    }

    private static String folder(Rule rule) {
        return rule.category() + "/" + rule.fileStem();
    }

    private static List<String> fixturePaths() {
        List<ResourceFile> files = ResourceFolder.fromClasspath(RuleFixturesTest.class.getClassLoader(), ROOT, ".eml");
        return files.stream()
                .map(ResourceFile::path)
                .filter(p -> p.split("/").length == 5)
                .toList();
    }
}
