package io.palisade.detection.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import io.palisade.detection.testing.TestContext;
import io.palisade.detection.testing.TestSignals;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScorerTest {

    private final SignalCatalogue catalogue = TestSignals.catalogue();
    private final Scorer scorer = new Scorer(catalogue, ScoringConfig.fromClasspath());

    private Hit hit(String name, String detail) {
        return new Hit(catalogue.find(name).orElseThrow(), detail);
    }

    private Verdict score(TestContext context, Hit... hits) {
        return scorer.score(List.of(hits), context, "v");
    }

    @Test
    void givesACleanVerdictWithNoSignals() {
        Verdict verdict = score(TestContext.contoso());

        assertThat(verdict.score()).isZero();
        assertThat(verdict.level()).isEqualTo(RiskLevel.CLEAN);
        assertThat(verdict.signals()).isEmpty();
        assertThat(verdict.engineVersion()).isEqualTo("v");
    }

    @Test
    void addsWeightsAndMapsTheScoreToALevel() {
        Verdict verdict = score(TestContext.contoso(), hit("TEST_ALPHA", "a.example"), hit("LIMIT_MIME_DEPTH", ""));

        assertThat(verdict.score()).isEqualTo(60);
        assertThat(verdict.level()).isEqualTo(RiskLevel.SUSPICIOUS);
        assertThat(verdict.signals()).extracting(Signal::name).containsExactly("LIMIT_MIME_DEPTH", "TEST_ALPHA");
        assertThat(verdict.signals().get(1).reason()).isEqualTo("Alpha found a.example.");
        assertThat(verdict.signals().get(1).evidence()).isEqualTo("a.example");
    }

    @Test
    void capsAGroupAndShrinksItsSignalsInProportion() {
        Verdict verdict = score(
                TestContext.contoso(),
                hit("LIMIT_MIME_DEPTH", ""),
                hit("LIMIT_HEADER_COUNT", ""),
                hit("LIMIT_PART_COUNT", ""));

        assertThat(verdict.score()).isEqualTo(40);
        assertThat(verdict.signals()).extracting(Signal::weight).containsExactly(17.1, 11.4, 11.4);
    }

    @Test
    void replacesBothPartsWithTheirComposite() {
        Verdict verdict = score(TestContext.contoso(), hit("TEST_ALPHA", "x"), hit("TEST_BETA", ""));

        assertThat(verdict.signals()).extracting(Signal::name).containsExactly("TEST_ALPHA_AND_BETA");
        assertThat(verdict.score()).isEqualTo(45);
    }

    @Test
    void doesNotFireACompositeWhenOnlyOnePartFired() {
        Verdict verdict = score(TestContext.contoso(), hit("TEST_BETA", ""));

        assertThat(verdict.signals()).extracting(Signal::name).containsExactly("TEST_BETA");
    }

    @Test
    void raisesLevelAndScoreToWhatAForcingSignalDemands() {
        Verdict verdict = score(TestContext.contoso(), hit("TEST_FORCES_HIGH", ""));

        assertThat(verdict.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(verdict.score()).isEqualTo(65);
    }

    @Test
    void appliesTheTenantsWeightOverrides() {
        TestContext tenant = TestContext.contoso().override("TEST_ALPHA", 5);

        assertThat(score(tenant, hit("TEST_ALPHA", "")).score()).isEqualTo(5);
    }

    @Test
    void dropsASignalTheTenantSwitchedOffEvenWhenItForces() {
        TestContext tenant = TestContext.contoso().override("TEST_FORCES_HIGH", 0);

        Verdict verdict = score(tenant, hit("TEST_FORCES_HIGH", ""));

        assertThat(verdict.level()).isEqualTo(RiskLevel.CLEAN);
        assertThat(verdict.signals()).isEmpty();
    }

    @Test
    void countsASignalReportedTwiceOnceWithItsFirstDetail() {
        Verdict verdict = score(TestContext.contoso(), hit("TEST_ALPHA", "first"), hit("TEST_ALPHA", "second"));

        assertThat(verdict.score()).isEqualTo(30);
        assertThat(verdict.signals())
                .singleElement()
                .extracting(Signal::evidence)
                .isEqualTo("first");
    }

    @Test
    void keepsAnInformationalSignalAtZeroWithoutRaisingTheScore() {
        Verdict verdict = score(TestContext.contoso(), hit("ANALYZER_FAILED", "sender"));

        assertThat(verdict.score()).isZero();
        assertThat(verdict.signals()).extracting(Signal::name).containsExactly("ANALYZER_FAILED");
    }

    @Test
    void givesTheSameVerdictForTheSameHitsInAnyRun() {
        Hit[] hits = {hit("TEST_ALPHA", "a"), hit("LIMIT_PART_COUNT", ""), hit("PARSE_ISSUE", "x")};

        assertThat(score(TestContext.contoso(), hits)).isEqualTo(score(TestContext.contoso(), hits));
    }
}
