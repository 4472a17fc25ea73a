package io.palisade.detection.analysis.auth;

import static io.palisade.detection.analysis.TestMessage.message;
import static io.palisade.detection.analysis.auth.AuthenticationAnalyzer.ARC_FAIL;
import static io.palisade.detection.analysis.auth.AuthenticationAnalyzer.COMPAUTH_FAIL;
import static io.palisade.detection.analysis.auth.AuthenticationAnalyzer.DKIM_FAIL;
import static io.palisade.detection.analysis.auth.AuthenticationAnalyzer.DMARC_FAIL;
import static io.palisade.detection.analysis.auth.AuthenticationAnalyzer.DMARC_FAIL_FORWARDED;
import static io.palisade.detection.analysis.auth.AuthenticationAnalyzer.REPLY_TO_FREEMAIL;
import static io.palisade.detection.analysis.auth.AuthenticationAnalyzer.REPLY_TO_MISMATCH;
import static io.palisade.detection.analysis.auth.AuthenticationAnalyzer.RETURN_PATH_MISMATCH;
import static io.palisade.detection.analysis.auth.AuthenticationAnalyzer.SPF_FAIL;
import static io.palisade.detection.analysis.auth.AuthenticationAnalyzer.SPF_SOFTFAIL;
import static io.palisade.detection.analysis.auth.AuthenticationAnalyzer.UNAUTHENTICATED_SENDER;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.detection.analysis.CollectingFindings;
import io.palisade.detection.analysis.TestMessage;
import io.palisade.detection.analysis.TestScanContext;
import io.palisade.detection.model.ParsedMessage;
import org.junit.jupiter.api.Test;

class AuthenticationAnalyzerTest {
    private static final String TRUSTED = "mx.contoso-mail.net";

    private final AuthenticationAnalyzer analyzer = new AuthenticationAnalyzer();

    private CollectingFindings analyze(ParsedMessage message, TestScanContext context) {
        CollectingFindings findings = new CollectingFindings();
        analyzer.analyze(message, context, findings);
        return findings;
    }

    private CollectingFindings analyze(ParsedMessage message) {
        return analyze(message, TestScanContext.tenant());
    }

    private static TestMessage fromBank(String authResults) {
        return message().from("Bank", "alerts@bank.example").header("Authentication-Results", authResults);
    }

    @Test
    void reportsFailuresFromTheTrustedAuthservId() {
        CollectingFindings findings = analyze(fromBank(TRUSTED + " 1; spf=fail (sender IP is 203.0.113.9)"
                        + " smtp.mailfrom=bank.example; dkim=fail (bad signature) header.d=bank.example;"
                        + " dmarc=fail (p=REJECT sp=REJECT dis=NONE) header.from=bank.example")
                .build());

        assertThat(findings.signals()).containsExactly(SPF_FAIL, DKIM_FAIL, DMARC_FAIL);
        assertThat(findings.details(DMARC_FAIL)).containsExactly("bank.example");
    }

    @Test
    void readsExchangeOnlineHeadersWithoutAuthservIdWhenTheTenantTrustsThem() {
        String exchange = "spf=softfail (sender IP is 203.0.113.9) smtp.mailfrom=bank.example; dkim=none"
                + " (message not signed) header.d=none;dmarc=fail action=quarantine header.from=bank.example;"
                + "compauth=fail reason=001";
        TestScanContext trustsExchange = TestScanContext.tenant().trustAuthserv("");

        assertThat(analyze(fromBank(exchange).build(), trustsExchange).signals())
                .containsExactly(SPF_SOFTFAIL, DMARC_FAIL, COMPAUTH_FAIL);
        assertThat(analyze(fromBank(exchange).build()).signals()).isEmpty();
    }

    @Test
    void ignoresHeadersFromUntrustedAuthservIds() {
        ParsedMessage forged = fromBank("mx.attacker.example; spf=fail smtp.mailfrom=bank.example;"
                        + " dmarc=fail header.from=bank.example")
                .build();

        assertThat(analyze(forged).signals()).isEmpty();
    }

    @Test
    void ignoresAHeadlessHeaderThatIsNotTheTopmost() {
        ParsedMessage message = fromBank(TRUSTED + "; spf=pass smtp.mailfrom=bank.example; dkim=pass"
                        + " header.d=bank.example; dmarc=pass header.from=bank.example")
                .header("Authentication-Results", "spf=fail smtp.mailfrom=bank.example; dmarc=fail")
                .build();

        assertThat(analyze(message, TestScanContext.tenant().trustAuthserv("")).signals())
                .isEmpty();
    }

    @Test
    void treatsDmarcFailureWithPassingArcAsForwarded() {
        CollectingFindings findings = analyze(fromBank(TRUSTED + "; arc=pass (i=2 spf=pass); spf=pass"
                        + " smtp.mailfrom=lists.example; dkim=fail header.d=bank.example;"
                        + " dmarc=fail header.from=bank.example")
                .build());

        assertThat(findings.signals()).containsExactly(DKIM_FAIL, DMARC_FAIL_FORWARDED);
        assertThat(findings.signals()).doesNotContain(DMARC_FAIL);
    }

    @Test
    void reportsBrokenArcChainsAndUnauthenticatedSenders() {
        assertThat(analyze(fromBank(TRUSTED + "; arc=fail; spf=pass smtp.mailfrom=bank.example")
                                .build())
                        .signals())
                .containsExactly(ARC_FAIL);
        assertThat(analyze(fromBank(TRUSTED + "; spf=none smtp.mailfrom=bank.example; dkim=none")
                                .build())
                        .signals())
                .containsExactly(UNAUTHENTICATED_SENDER);
    }

    @Test
    void acceptsADkimFailureWhenAnotherSignaturePasses() {
        ParsedMessage message = fromBank(TRUSTED + "; dkim=fail header.d=esp.example; dkim=pass header.d=bank.example;"
                        + " spf=pass smtp.mailfrom=bank.example; dmarc=pass header.from=bank.example")
                .build();

        assertThat(analyze(message).signals()).isEmpty();
    }

    @Test
    void reportsReplyToOnAnotherDomainOrAFreeMailService() {
        assertThat(analyze(message()
                                .from("CEO", "ceo@partner-firm.com")
                                .replyTo("ceo.private@gmail.com")
                                .build())
                        .signals())
                .containsExactly(REPLY_TO_FREEMAIL);
        assertThat(analyze(message()
                                .from("Billing", "billing@partner-firm.com")
                                .replyTo("billing@partner-payments.net")
                                .build())
                        .details(REPLY_TO_MISMATCH))
                .containsExactly("partner-payments.net");
    }

    @Test
    void acceptsReplyToOnTheSameSiteOrTheTenantsOwnDomain() {
        assertThat(analyze(message()
                                .from("News", "news@mail.partner-firm.com")
                                .replyTo("support@partner-firm.com")
                                .build())
                        .signals())
                .isEmpty();
        assertThat(analyze(message()
                                .from("Vendor", "rep@vendor.example")
                                .replyTo("purchasing@contoso.com")
                                .build())
                        .signals())
                .isEmpty();
        assertThat(analyze(message()
                                .from("Friend", "friend@gmail.com")
                                .replyTo("friend@gmail.com")
                                .build())
                        .signals())
                .isEmpty();
    }

    @Test
    void reportsAForeignReturnPathOnlyWhenDmarcDidNotPass() {
        TestMessage viaEsp =
                message().from("Shop", "news@shop-mail.com").returnPath("bounce-123@bounces.esp-mailer.net");

        assertThat(analyze(viaEsp.build()).signals()).containsExactly(RETURN_PATH_MISMATCH);
        assertThat(analyze(viaEsp.header(
                                        "Authentication-Results",
                                        TRUSTED + "; spf=pass smtp.mailfrom=bounces.esp-mailer.net; dkim=pass"
                                                + " header.d=shop-mail.com; dmarc=pass header.from=shop-mail.com")
                                .build())
                        .signals())
                .isEmpty();
    }

    @Test
    void parsesQuotedValuesCommentsAndVersions() {
        AuthenticationResults parsed = AuthenticationResults.parse(
                        "MX.Example.Org 1; dkim/1=pass (good (nested) comment) header.i=\"@a;b.example\";"
                                + " spf=PASS smtp.mailfrom=a.example")
                .orElseThrow();

        assertThat(parsed.authservId()).isEqualTo("mx.example.org");
        assertThat(parsed.results())
                .extracting(AuthenticationResults.MethodResult::method)
                .containsExactly("dkim", "spf");
        assertThat(parsed.resultsFor("dkim").getFirst().property("header.i")).contains("@a;b.example");
        assertThat(parsed.resultsFor("spf").getFirst().result()).isEqualTo("pass");
        assertThat(AuthenticationResults.parse("mx.example.org; none")
                        .orElseThrow()
                        .results())
                .isEmpty();
    }
}
