package io.palisade.detection.analysis.prefilter;

import static io.palisade.detection.analysis.TestMessage.message;
import static io.palisade.detection.analysis.prefilter.PrefilterAnalyzer.ALLOWLISTED_SENDER;
import static io.palisade.detection.analysis.prefilter.PrefilterAnalyzer.BLOCKLISTED_SENDER;
import static io.palisade.detection.analysis.prefilter.PrefilterAnalyzer.BLOCKLISTED_URL;
import static io.palisade.detection.analysis.prefilter.PrefilterAnalyzer.THREAT_INTEL_MATCH;
import static io.palisade.detection.analysis.prefilter.PrefilterAnalyzer.THREAT_INTEL_WEAK_MATCH;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.detection.analysis.CollectingFindings;
import io.palisade.detection.analysis.Findings;
import io.palisade.detection.analysis.TestMessage;
import io.palisade.detection.analysis.TestScanContext;
import io.palisade.detection.api.IndicatorKey;
import io.palisade.detection.api.ScanContext.IndicatorKind;
import io.palisade.detection.model.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefilterAnalyzerTest {
    private static final String DMARC_PASS = "mx.contoso-mail.net; spf=pass smtp.mailfrom=partner-firm.com;"
            + " dkim=pass header.d=partner-firm.com; dmarc=pass header.from=partner-firm.com";

    private final PrefilterAnalyzer analyzer = new PrefilterAnalyzer();

    private CollectingFindings analyze(ParsedMessage message, TestScanContext context) {
        CollectingFindings findings = new CollectingFindings();
        analyzer.analyze(message, context, findings);
        return findings;
    }

    private static TestMessage fromPartner() {
        return message().from("Pat Partner", "pat@partner-firm.com");
    }

    @Test
    void reportsBlockedSenderByAddressDomainOrReplyTo() {
        assertThat(analyze(fromPartner().build(), TestScanContext.tenant().block("pat@partner-firm.com"))
                        .signals())
                .containsExactly(BLOCKLISTED_SENDER);
        assertThat(analyze(fromPartner().build(), TestScanContext.tenant().block("partner-firm.com"))
                        .signals())
                .containsExactly(BLOCKLISTED_SENDER);
        assertThat(analyze(
                                fromPartner().replyTo("cash@evil-login.net").build(),
                                TestScanContext.tenant().block("evil-login.net"))
                        .signals())
                .containsExactly(BLOCKLISTED_SENDER);
    }

    @Test
    void reportsBlockedLinksByUrlHostOrRegistrableDomainAfterUnwrapping() {
        String safeLink = "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Flogin.evil-login.net%2F";

        CollectingFindings findings = analyze(
                fromPartner().link(safeLink).build(), TestScanContext.tenant().block("evil-login.net"));

        assertThat(findings.signals()).containsExactly(BLOCKLISTED_URL);
        assertThat(findings.details(BLOCKLISTED_URL)).containsExactly("login.evil-login.net");
    }

    @Test
    void honoursTheAllowListOnlyWhenDmarcPassed() {
        TestScanContext context = TestScanContext.tenant().allow("partner-firm.com");

        assertThat(analyze(
                                fromPartner()
                                        .header("Authentication-Results", DMARC_PASS)
                                        .build(),
                                context)
                        .signals())
                .containsExactly(ALLOWLISTED_SENDER);
        assertThat(analyze(fromPartner().build(), context).signals()).isEmpty();
        assertThat(analyze(
                                fromPartner()
                                        .header("Authentication-Results", DMARC_PASS.replace("contoso-mail", "spoof"))
                                        .build(),
                                context)
                        .signals())
                .isEmpty();
    }

    @Test
    void matchesIndicatorsBySenderDomainUrlIpAndFileHash() {
        byte[] payload = {1, 2, 3};
        TestScanContext context = TestScanContext.tenant()
                .indicator(IndicatorKind.SENDER, "pat@partner-firm.com", 90)
                .indicator(IndicatorKind.DOMAIN, "evil-login.net", 95)
                .indicator(IndicatorKind.IP, "192.0.2.7", 85)
                .indicator(IndicatorKind.SHA256, TestMessage.sha256(payload), 100);

        CollectingFindings findings = analyze(
                fromPartner()
                        .link("https://cdn.evil-login.net/a")
                        .link("http://192.0.2.7/x")
                        .attach("invoice.zip", "application/zip", payload)
                        .build(),
                context);

        assertThat(findings.details(THREAT_INTEL_MATCH))
                .containsExactly("pat@partner-firm.com", "evil-login.net", "192.0.2.7", "invoice.zip");
    }

    @Test
    void reportsLowConfidenceIndicatorsAsWeakMatches() {
        TestScanContext context =
                TestScanContext.tenant().indicator(IndicatorKind.URL, "https://evil-login.net/login", 40);

        CollectingFindings findings =
                analyze(fromPartner().link("HTTPS://EVIL-LOGIN.net/login#x").build(), context);

        assertThat(findings.signals()).containsExactly(THREAT_INTEL_WEAK_MATCH);
    }

    @Test
    void reportsNothingForAnOrdinaryMessageWithUnrelatedListsAndIndicators() {
        TestScanContext context = TestScanContext.tenant()
                .block("evil-login.net")
                .block("crook@elsewhere.example")
                .indicator(IndicatorKind.DOMAIN, "evil-login.net", 95)
                .indicator(IndicatorKind.SHA256, "00".repeat(32), 100);

        CollectingFindings findings = analyze(
                fromPartner()
                        .link("https://www.partner-firm.com/news")
                        .link("https://not-evil-login.net/")
                        .attach("report.pdf", "application/pdf", new byte[] {9, 9})
                        .build(),
                context);

        assertThat(findings.signals()).isEmpty();
    }

    @Test
    void matchesWholeEntriesOnlyNotLookalikesOrOtherPaths() {
        TestScanContext context = TestScanContext.tenant()
                .block("https://files-share.net/bad/payload")
                .indicator(IndicatorKind.DOMAIN, "evil-login.net", 95)
                .indicator(IndicatorKind.SENDER, "crook@partner-firm.com", 95);

        assertThat(analyze(
                                fromPartner()
                                        .link("https://files-share.net/good/report")
                                        .build(),
                                context)
                        .signals())
                .isEmpty();
        assertThat(analyze(fromPartner().link("https://not-evil-login.net/").build(), context)
                        .signals())
                .isEmpty();
        assertThat(analyze(fromPartner().link("https://evil-login.network/").build(), context)
                        .signals())
                .isEmpty();
        assertThat(analyze(fromPartner().link("mailto:evil-login.net").build(), context)
                        .signals())
                .isEmpty();
        assertThat(analyze(
                                fromPartner()
                                        .link("https://files-share.net/bad/payload")
                                        .build(),
                                context)
                        .signals())
                .containsExactly(BLOCKLISTED_URL);
    }

    @Test
    void matchesAParentDomainOfTheSenderOrALinkButNotADomainThatOnlyEndsWithTheSameLetters() {
        TestScanContext context =
                TestScanContext.tenant().indicator(IndicatorKind.DOMAIN, "billing.evil-login.net", 95);

        assertThat(analyze(message().from("", "pay@eu.billing.evil-login.net").build(), context)
                        .details(THREAT_INTEL_MATCH))
                .containsExactly("billing.evil-login.net");
        assertThat(analyze(
                                fromPartner()
                                        .link("https://x.eu.billing.evil-login.net/a")
                                        .build(),
                                context)
                        .details(THREAT_INTEL_MATCH))
                .containsExactly("billing.evil-login.net");
        assertThat(analyze(message().from("", "pay@notbilling.evil-login.net").build(), context)
                        .signals())
                .isEmpty();
        assertThat(analyze(message().from("", "pay@evil-login.net").build(), context)
                        .signals())
                .isEmpty();
    }

    @Test
    void matchesTheReplyToAddressAndDomain() {
        TestScanContext context = TestScanContext.tenant()
                .indicator(IndicatorKind.SENDER, "cash@drop-box-pay.net", 95)
                .indicator(IndicatorKind.DOMAIN, "wire-desk.net", 95);

        assertThat(analyze(fromPartner().replyTo("cash@drop-box-pay.net").build(), context)
                        .details(THREAT_INTEL_MATCH))
                .containsExactly("cash@drop-box-pay.net");
        assertThat(analyze(fromPartner().replyTo("ceo@eu.wire-desk.net").build(), context)
                        .details(THREAT_INTEL_MATCH))
                .containsExactly("wire-desk.net");
        assertThat(analyze(fromPartner().replyTo("ceo@wire-desk.network").build(), context)
                        .signals())
                .isEmpty();
    }

    @Test
    void matchesTheSendingIpOnlyFromATrustedAuthenticationResultsHeader() {
        TestScanContext context = TestScanContext.tenant().indicator(IndicatorKind.IP, "203.0.113.9", 90);
        String trusted = "mx.contoso-mail.net; spf=pass (sender IP is 203.0.113.9) smtp.mailfrom=partner-firm.com";

        assertThat(analyze(
                                fromPartner()
                                        .header("Authentication-Results", trusted)
                                        .build(),
                                context)
                        .details(THREAT_INTEL_MATCH))
                .containsExactly("203.0.113.9");
        assertThat(analyze(
                                fromPartner()
                                        .header("Authentication-Results", trusted.replace("contoso-mail", "spoof"))
                                        .build(),
                                context)
                        .signals())
                .isEmpty();
        assertThat(analyze(
                                fromPartner()
                                        .header("Authentication-Results", trusted.replace(".9)", ".90)"))
                                        .build(),
                                context)
                        .signals())
                .isEmpty();
    }

    @Test
    void notesEveryKeyItLooksUpForTheCallersIndex() {
        RecordingFindings findings = new RecordingFindings();
        analyzer.analyze(
                message()
                        .from("", "pat@mail.partner-firm.com")
                        .replyTo("cash@drop-box-pay.net")
                        .header(
                                "Authentication-Results",
                                "mx.contoso-mail.net; spf=pass (sender IP is 203.0.113.9) smtp.mailfrom=x.com")
                        .link("http://192.0.2.7/x")
                        .build(),
                TestScanContext.tenant(),
                findings);

        assertThat(findings.carried())
                .extracting(k -> k.kind() + " " + k.value())
                .containsExactly(
                        "SENDER pat@mail.partner-firm.com",
                        "DOMAIN mail.partner-firm.com",
                        "DOMAIN partner-firm.com",
                        "SENDER cash@drop-box-pay.net",
                        "DOMAIN drop-box-pay.net",
                        "IP 203.0.113.9",
                        "URL http://192.0.2.7/x",
                        "IP 192.0.2.7");
    }

    @Test
    void neverReportsABlockedSenderAsAllowed() {
        TestScanContext context =
                TestScanContext.tenant().allow("partner-firm.com").block("pat@partner-firm.com");

        CollectingFindings findings = analyze(
                fromPartner().header("Authentication-Results", DMARC_PASS).build(), context);

        assertThat(findings.signals()).containsExactly(BLOCKLISTED_SENDER);
        assertThat(findings.signals()).doesNotContain(ALLOWLISTED_SENDER);
    }

    @Test
    void ignoresMessagesWithoutASenderAddress() {
        assertThat(analyze(
                                message().from("", "").build(),
                                TestScanContext.tenant().block(""))
                        .signals())
                .isEmpty();
    }

    /** Findings that keep the noted indicator keys, as the scanner's collector does. */
    private static final class RecordingFindings implements Findings {
        private final CollectingFindings findings = new CollectingFindings();
        private final List<IndicatorKey> keys = new ArrayList<>();

        @Override
        public void add(String signal, String detail) {
            findings.add(signal, detail);
        }

        @Override
        public List<Finding> all() {
            return findings.all();
        }

        @Override
        public void carries(IndicatorKey key) {
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }

        @Override
        public List<IndicatorKey> carried() {
            return List.copyOf(keys);
        }
    }
}
