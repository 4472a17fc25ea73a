package io.palisade.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.detection.api.RiskLevel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    static final Map<String, List<String>> NO_HEADERS = Map.of();

    @Test
    void theDefaultPolicyBannersSuspiciousMailAndQuarantinesMaliciousMail() {
        PolicyDocument policy = PolicyDocument.defaults();

        assertThat(actions(policy, RiskLevel.CLEAN)).isEmpty();
        assertThat(actions(policy, RiskLevel.LOW)).isEmpty();
        assertThat(actions(policy, RiskLevel.SUSPICIOUS)).containsExactly(PolicyAction.BANNER);
        assertThat(actions(policy, RiskLevel.MALICIOUS)).containsExactly(PolicyAction.QUARANTINE);
    }

    @Test
    void monitorModeTakesNoActionAndBannerOnlyModeNeverMovesMail() {
        PolicyDocument monitor = new PolicyDocument(PolicyMode.MONITOR, null, null, null, null, null);
        PolicyDocument bannerOnly = new PolicyDocument(PolicyMode.BANNER_ONLY, null, null, null, null, null);

        assertThat(actions(monitor, RiskLevel.MALICIOUS)).isEmpty();
        assertThat(actions(bannerOnly, RiskLevel.MALICIOUS)).containsExactly(PolicyAction.BANNER);
        assertThat(actions(bannerOnly, RiskLevel.CLEAN)).isEmpty();
    }

    @Test
    void monitorAndBannerOnlyModesStillNotifyAdminsButTouchNoMoreMail() {
        Map<RiskLevel, List<PolicyAction>> wanted =
                Map.of(RiskLevel.HIGH, List.of(PolicyAction.QUARANTINE, PolicyAction.NOTIFY_ADMINS));
        PolicyDocument monitor = new PolicyDocument(PolicyMode.MONITOR, wanted, null, null, null, null);
        PolicyDocument bannerOnly = new PolicyDocument(PolicyMode.BANNER_ONLY, wanted, null, null, null, null);
        PolicyDocument notifyOnly = new PolicyDocument(
                PolicyMode.BANNER_ONLY,
                Map.of(RiskLevel.HIGH, List.of(PolicyAction.NOTIFY_ADMINS)),
                null,
                null,
                null,
                null);

        assertThat(actions(monitor, RiskLevel.HIGH)).containsExactly(PolicyAction.NOTIFY_ADMINS);
        assertThat(actions(bannerOnly, RiskLevel.HIGH))
                .containsExactly(PolicyAction.BANNER, PolicyAction.NOTIFY_ADMINS);
        assertThat(actions(notifyOnly, RiskLevel.HIGH)).containsExactly(PolicyAction.NOTIFY_ADMINS);
        assertThat(actions(monitor, RiskLevel.MALICIOUS)).isEmpty();
    }

    @Test
    void excludedSendersDomainsAndSimulationVendorsAreLeftAlone() {
        PolicyDocument policy = new PolicyDocument(
                null,
                null,
                new PolicyDocument.Exclusions(
                        List.of("Ceo@Partner.example"),
                        List.of("trusted.example"),
                        List.of(new PolicyDocument.SimulationHeader("X-PHISHTEST", null)),
                        List.of("sim@phish-vendor.example")),
                null,
                null,
                null);

        assertThat(PolicyEvaluator.actions(policy, "ceo@partner.example", null, NO_HEADERS, RiskLevel.MALICIOUS))
                .isEmpty();
        assertThat(PolicyEvaluator.actions(policy, "a@mail.trusted.example", null, NO_HEADERS, RiskLevel.MALICIOUS))
                .isEmpty();
        assertThat(PolicyEvaluator.actions(policy, "sim@phish-vendor.example", null, NO_HEADERS, RiskLevel.MALICIOUS))
                .isEmpty();
        assertThat(PolicyEvaluator.actions(
                        policy, "x@y.example", null, Map.of("x-phishtest", List.of("1")), RiskLevel.MALICIOUS))
                .isEmpty();
        assertThat(PolicyEvaluator.actions(policy, "a@untrusted.example", null, NO_HEADERS, RiskLevel.MALICIOUS))
                .as("a lookalike of an excluded domain is not excluded")
                .containsExactly(PolicyAction.QUARANTINE);
        assertThat(PolicyEvaluator.actions(policy, "x@y.example", null, NO_HEADERS, RiskLevel.MALICIOUS))
                .containsExactly(PolicyAction.QUARANTINE);
    }

    @Test
    void aGroupOverrideAppliesToItsMailboxesOnly() {
        PolicyDocument policy = new PolicyDocument(
                null,
                null,
                null,
                List.of(new PolicyDocument.GroupOverride(
                        "executives",
                        List.of("CFO@contoso.example"),
                        null,
                        Map.of(RiskLevel.HIGH, List.of(PolicyAction.QUARANTINE, PolicyAction.NOTIFY_ADMINS)))),
                null,
                null);

        assertThat(PolicyEvaluator.actions(policy, "x@y.example", "cfo@contoso.example", NO_HEADERS, RiskLevel.HIGH))
                .containsExactly(PolicyAction.QUARANTINE, PolicyAction.NOTIFY_ADMINS);
        assertThat(PolicyEvaluator.actions(policy, "x@y.example", "pat@contoso.example", NO_HEADERS, RiskLevel.HIGH))
                .containsExactly(PolicyAction.BANNER);
    }

    @Test
    void readsHeaderFieldsUnfoldingContinuationLines() {
        byte[] mime = "X-PhishTest: KnowBe4\r\n  campaign 7\r\nSubject: hi\r\n\r\nX-PhishTest: body".getBytes();

        assertThat(HeaderFields.of(mime)).containsEntry("x-phishtest", List.of("KnowBe4 campaign 7"));
    }

    @Test
    void reportsEveryProblemOfAnInvalidDocument() {
        PolicyDocument policy = new PolicyDocument(
                null, null, null, List.of(new PolicyDocument.GroupOverride("", List.of(), null, null)), null, 0);

        assertThat(policy.problems()).hasSize(3);
    }

    private static List<PolicyAction> actions(PolicyDocument policy, RiskLevel level) {
        return PolicyEvaluator.actions(policy, "x@y.example", "pat@contoso.example", NO_HEADERS, level);
    }
}
