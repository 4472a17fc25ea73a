package io.palisade.detection.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.analysis.Analyzers;
import io.palisade.detection.analysis.banner.BannerMarkerVerifier;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.config.ConfigException;
import io.palisade.detection.config.ResourceFile;
import io.palisade.detection.parse.ParseIssue;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalCatalogueTest {

    private static final String GROUPS = """
            groups:
              g:
                cap: 40
            """;

    private static SignalCatalogue load(String yaml) {
        return SignalCatalogue.of(List.of(new ResourceFile("signals/t.yaml", yaml)));
    }

    @Test
    void loadsTheCatalogueOnTheClasspathWithEverySignalWellFormed() {
        SignalCatalogue catalogue = SignalCatalogue.fromClasspath();

        assertThat(catalogue.names())
                .isNotEmpty()
                .allMatch(n -> SignalDefinition.NAME.matcher(n).matches());
        for (String name : catalogue.names()) {
            SignalDefinition signal = catalogue.find(name).orElseThrow();
            assertThat(signal.description()).as(name).isNotBlank().doesNotContain("\n");
            assertThat(signal.reason()).as(name).isNotBlank();
            assertThat(catalogue.groupCap(signal.group())).as(name).isPresent();
        }
    }

    @Test
    void listsEverySignalTheParserAndEngineRaise() {
        SignalCatalogue catalogue = SignalCatalogue.fromClasspath();

        for (ParseIssue.Kind kind : ParseIssue.Kind.values()) {
            assertThat(catalogue.contains(kind.signal())).as(kind.signal()).isTrue();
        }
        assertThat(catalogue.names()).contains("ANALYZER_FAILED", "RULE_FAILED", "MODEL_FAILED", "SCAN_FAILED");
    }

    @Test
    void listsEverySignalThatAStandardAnalyzerDeclares() {
        SignalCatalogue catalogue = SignalCatalogue.fromClasspath();

        for (Analyzer analyzer : Analyzers.defaults(BannerMarkerVerifier.rejectingAll())) {
            assertThat(analyzer.signals())
                    .as("signals of analyzer %s missing from signals/*.yaml", analyzer.name())
                    .allMatch(catalogue::contains);
        }
    }

    @Test
    void readsWeightGroupForcedLevelAndComposites() {
        SignalCatalogue catalogue = load(GROUPS + """
                signals:
                  A_ONE:
                    description: first
                    reason: First {detail}.
                    weight: 10
                    group: g
                    forces: suspicious
                  B_TWO:
                    description: second
                    reason: Second.
                    weight: 5
                    group: g
                  BOTH:
                    description: both
                    reason: Both.
                    weight: 30
                    group: g
                    replaces: [A_ONE, B_TWO]
                """);

        SignalDefinition first = catalogue.find("A_ONE").orElseThrow();
        assertThat(first.weight()).isEqualTo(10);
        assertThat(first.forces()).contains(RiskLevel.SUSPICIOUS);
        assertThat(first.reasonFor("x.example")).isEqualTo("First x.example.");
        assertThat(first.reasonFor("")).isEqualTo("First.");
        assertThat(catalogue.composites()).extracting(SignalDefinition::name).containsExactly("BOTH");
        assertThat(catalogue.groupCap("g")).contains(40.0);
        assertThat(catalogue.find("B_TWO").orElseThrow().forces()).isEmpty();
    }

    @Test
    void refusesANameThatIsNotUpperSnake() {
        assertThatThrownBy(() -> load(GROUPS + signal("lower_case", "g")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("signals/t.yaml: signal lower_case: name must be UPPER_SNAKE");
    }

    @Test
    void refusesAnUnknownGroupAndAMisspeltField() {
        assertThatThrownBy(() -> load(GROUPS + signal("GOOD_NAME", "nope")))
                .hasMessageContaining("unknown group 'nope'");
        assertThatThrownBy(() -> load(GROUPS + signal("GOOD_NAME", "g") + "    wieght: 3\n"))
                .hasMessageContaining("unknown field(s) [wieght]");
    }

    @Test
    void refusesASignalDefinedInTwoFiles() {
        String yaml = GROUPS + signal("TWICE", "g");
        assertThatThrownBy(() -> SignalCatalogue.of(
                        List.of(new ResourceFile("signals/a.yaml", yaml), new ResourceFile("signals/b.yaml", yaml))))
                .hasMessageContaining("signals/b.yaml: signal TWICE: defined twice, also in signals/a.yaml");
    }

    @Test
    void refusesACompositeOfAnUnknownSignal() {
        String yaml = GROUPS + signal("COMBO", "g") + "    replaces: [COMBO_PART, MISSING]\n";
        assertThatThrownBy(() -> load(yaml)).hasMessageContaining("COMBO replaces unknown signal COMBO_PART");
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirLine() {
        assertThatThrownBy(() -> load("groups:\n  g: [unclosed\n")).hasMessageContaining("signals/t.yaml (line 3");
    }

    @Test
    void givesTheSameVersionForTheSameFilesAndAnotherForChangedOnes() {
        String yaml = GROUPS + signal("SAME", "g");

        assertThat(load(yaml).version()).isEqualTo(load(yaml).version());
        assertThat(load(yaml.replace("weight: 10", "weight: 11")).version())
                .isNotEqualTo(load(yaml).version());
    }

    private static String signal(String name, String group) {
        return "signals:\n  " + name + ":\n    description: d\n    reason: r\n    weight: 10\n    group: " + group
                + "\n";
    }
}
