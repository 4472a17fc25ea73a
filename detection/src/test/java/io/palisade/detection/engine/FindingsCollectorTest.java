package io.palisade.detection.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.detection.analysis.Findings;
import io.palisade.detection.score.SignalCatalogue;
import org.junit.jupiter.api.Test;

class FindingsCollectorTest {

    private final FindingsCollector findings = FindingsCollector.strict(SignalCatalogue.fromClasspath());

    @Test
    void keepsCataloguedSignalsInTheOrderReported() {
        findings.add("PARSE_ISSUE", "a");
        findings.add("LIMIT_PART_SIZE", "b");
        findings.add("PARSE_ISSUE", "c");

        assertThat(findings.all())
                .containsExactly(
                        new Findings.Finding("PARSE_ISSUE", "a"),
                        new Findings.Finding("LIMIT_PART_SIZE", "b"),
                        new Findings.Finding("PARSE_ISSUE", "c"));
        assertThat(findings.has("LIMIT_PART_SIZE")).isTrue();
        assertThat(findings.has("LIMIT_HTML_SIZE")).isFalse();
    }

    @Test
    void refusesASignalTheCatalogueDoesNotList() {
        assertThatThrownBy(() -> findings.add("NOT_A_SIGNAL", ""))
                .isInstanceOf(UnknownSignalException.class)
                .hasMessageContaining("NOT_A_SIGNAL");
        assertThat(findings.all()).isEmpty();
    }

    @Test
    void cutsALongDetail() {
        findings.add("PARSE_ISSUE", "x".repeat(10_000));

        assertThat(findings.all().getFirst().detail()).hasSize(200);
    }
}
