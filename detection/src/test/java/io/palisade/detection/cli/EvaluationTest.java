package io.palisade.detection.cli;

import static io.palisade.detection.api.RiskLevel.CLEAN;
import static io.palisade.detection.api.RiskLevel.HIGH;
import static io.palisade.detection.api.RiskLevel.LOW;
import static io.palisade.detection.api.RiskLevel.MALICIOUS;
import static io.palisade.detection.api.RiskLevel.SUSPICIOUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.palisade.detection.api.RiskLevel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    private int files;

    private Evaluation.Outcome outcome(String label, String source, RiskLevel level, String... signals) {
        return new Evaluation.Outcome(
                "m" + files++ + ".eml", label, source, level.ordinal() * 20, level, List.of(signals));
    }

    /** Phish: MALICIOUS, HIGH, SUSPICIOUS, LOW; ham: CLEAN x3, LOW, SUSPICIOUS; spam: HIGH. */
    private Evaluation sample() {
        Evaluation e = new Evaluation();
        e.add(outcome("phish", "naz-a", MALICIOUS, "URL_IP_HOST", "CREDENTIAL_REQUEST"));
        e.add(outcome("phish", "naz-a", HIGH, "URL_IP_HOST", "URL_IP_HOST"));
        e.add(outcome("phish", "naz-b", SUSPICIOUS, "CREDENTIAL_REQUEST"));
        e.add(outcome("phish", "naz-b", LOW));
        e.add(outcome("ham", "sa-ham-1", CLEAN));
        e.add(outcome("ham", "sa-ham-1", CLEAN));
        e.add(outcome("ham", "sa-ham-2", CLEAN));
        e.add(outcome("ham", "sa-ham-2", LOW, "FIRST_CONTACT"));
        e.add(outcome("ham", "sa-ham-2", SUSPICIOUS, "URL_IP_HOST"));
        e.add(outcome("spam", "sa-spam-1", HIGH, "URL_IP_HOST"));
        return e;
    }

    @Test
    void countsEachLabelAtEveryLevelOrAbove() {
        Evaluation e = sample();

        assertThat(e.count("phish")).isEqualTo(4);
        assertThat(e.rateAtLeast("phish", LOW)).isEqualTo(1.0);
        assertThat(e.rateAtLeast("phish", SUSPICIOUS)).isEqualTo(0.75);
        assertThat(e.rateAtLeast("phish", HIGH)).isEqualTo(0.5);
        assertThat(e.rateAtLeast("phish", MALICIOUS)).isEqualTo(0.25);
        assertThat(e.rateAtLeast("ham", SUSPICIOUS)).isEqualTo(0.2);
        assertThat(e.labels()).containsExactly("phish", "ham", "spam");
    }

    @Test
    void buildsTheConfusionMatrixOfLabelsAgainstLevels() {
        Map<String, long[]> matrix = sample().confusion();

        assertThat(matrix.keySet()).containsExactly("ham", "phish", "spam");
        assertThat(matrix.get("phish")).containsExactly(0, 1, 1, 1, 1);
        assertThat(matrix.get("ham")).containsExactly(3, 1, 1, 0, 0);
        assertThat(matrix.get("spam")).containsExactly(0, 0, 0, 1, 0);
    }

    @Test
    void comparesPhishingWithHamAtTheThresholdAndLeavesSpamOut() {
        Evaluation.Binary b = sample().binary("phish", "ham", SUSPICIOUS);

        assertThat(b).isEqualTo(new Evaluation.Binary(3, 1, 1, 4));
        assertThat(b.detectionRate()).isEqualTo(0.75);
        assertThat(b.falsePositiveRate()).isEqualTo(0.2);
        assertThat(b.precision()).isEqualTo(0.75);
        assertThat(sample().binary("phish", "ham", HIGH).falsePositiveRate()).isZero();
    }

    @Test
    void countsASignalOncePerMessageAndPerLabel() {
        Map<String, Map<String, Long>> hits = sample().signalHits();

        assertThat(hits.get("URL_IP_HOST"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("phish", 2L, "ham", 1L, "spam", 1L));
        assertThat(hits.get("CREDENTIAL_REQUEST")).containsExactlyEntriesOf(Map.of("phish", 2L));
        assertThat(hits).doesNotContainKey("LOOKALIKE_OWN_DOMAIN");
    }

    @Test
    void splitsBySourceForTheHeldOutPart() {
        Evaluation heldOut =
                sample().filter(o -> o.source().equals("naz-b") || o.source().equals("sa-ham-2"));

        assertThat(heldOut.sources()).containsExactly("naz-b", "sa-ham-2");
        assertThat(heldOut.binary("phish", "ham", SUSPICIOUS)).isEqualTo(new Evaluation.Binary(1, 1, 1, 2));
        assertThat(heldOut.binary("phish", "ham", SUSPICIOUS).falsePositiveRate())
                .isCloseTo(1 / 3.0, within(1e-9));
    }

    @Test
    void givesZeroRatesForALabelWithoutMessages() {
        Evaluation empty = new Evaluation();

        assertThat(empty.rateAtLeast("phish", SUSPICIOUS)).isZero();
        assertThat(empty.binary("phish", "ham", SUSPICIOUS).detectionRate()).isZero();
        assertThat(empty.binary("phish", "ham", SUSPICIOUS).precision()).isZero();
        assertThat(empty.confusion()).isEmpty();
    }
}
