package io.palisade.detection.analysis;

import static io.palisade.detection.analysis.TestMessage.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.detection.analysis.banner.BannerMarkerVerifier;
import io.palisade.detection.model.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AnalyzersTest {
    private static final List<Analyzer> ANALYZERS = Analyzers.defaults(BannerMarkerVerifier.rejectingAll());

    private static final String AUTH_FAIL = "mx.contoso-mail.net; spf=fail smtp.mailfrom=micros0ft-support.com;"
            + " dkim=none; dmarc=fail header.from=micros0ft-support.com";

    static ParsedMessage credentialPhish() {
        return message()
                .from("Microsoft 365 Support", "no-reply@micros0ft-support.com")
                .header("Authentication-Results", AUTH_FAIL)
                .subject("Action required: your password expires today")
                .html("<p>Your password will expire. Keep your current password:</p>"
                        + "<a href='https://bit.ly/3kq9'>https://login.microsoftonline.com/</a>"
                        + "<img src='https://t.micros0ft-support.com/o.gif' width=1 height=1>")
                .build();
    }

    static ParsedMessage ordinaryNewsletter() {
        return message()
                .from("Garden Shop", "news@shop-mail.com")
                .subject("Spring sale this weekend")
                .html("<div style='display:none'>20% off garden furniture</div><h1>Spring sale</h1>"
                        + "<p>Urgent: only three days left for our spring sale!</p>"
                        + "<a href='https://www.shop-mail.com/sale'>Shop now</a>"
                        + "<img src='https://img.shop-mail.com/hero.jpg' width=600 height=300>")
                .build();
    }

    private static List<String> run(ParsedMessage message) {
        CollectingFindings findings = new CollectingFindings();
        TestScanContext context = TestScanContext.tenant().sentBefore("news@shop-mail.com", 30);
        ANALYZERS.forEach(analyzer -> analyzer.analyze(message, context, findings));
        return findings.signals();
    }

    @Test
    void runsTheEightLayersInOrder() {
        assertThat(ANALYZERS)
                .extracting(Analyzer::name)
                .containsExactly("prefilter", "auth", "sender", "url", "attachment", "content", "tracker", "banner");
    }

    @Test
    void layersTogetherExplainACredentialPhish() {
        assertThat(run(credentialPhish()))
                .contains(
                        "SPF_FAIL",
                        "DMARC_FAIL",
                        "LOOKALIKE_BRAND_DOMAIN",
                        "KNOWN_BRAND_DISPLAY_NAME",
                        "FIRST_CONTACT",
                        "URL_SHORTENER",
                        "LINK_TEXT_MISMATCH",
                        "CREDENTIAL_REQUEST",
                        "TRACKING_PIXEL");
    }

    @Test
    void layersTogetherFindOnlyTheTrackingSideOfAnOrdinaryNewsletter() {
        assertThat(run(ordinaryNewsletter())).isEmpty();
    }

    @Test
    void givesTheSameFindingsWhenSharedBetweenThreads() throws Exception {
        List<String> phish = run(credentialPhish());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> run(credentialPhish())));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isEqualTo(phish);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
