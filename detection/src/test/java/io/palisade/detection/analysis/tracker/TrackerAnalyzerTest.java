package io.palisade.detection.analysis.tracker;

import static io.palisade.detection.analysis.TestMessage.message;
import static io.palisade.detection.analysis.tracker.TrackerAnalyzer.TRACKER_LINK;
import static io.palisade.detection.analysis.tracker.TrackerAnalyzer.TRACKING_PIXEL;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.detection.analysis.CollectingFindings;
import io.palisade.detection.analysis.TestMessage;
import io.palisade.detection.analysis.TestScanContext;
import io.palisade.detection.analysis.tracker.TrackerAnalyzer.Kind;
import io.palisade.detection.analysis.tracker.TrackerAnalyzer.Tracker;
import org.junit.jupiter.api.Test;

class TrackerAnalyzerTest {
    private final TrackerAnalyzer analyzer = new TrackerAnalyzer();

    private CollectingFindings analyze(TestMessage message) {
        CollectingFindings findings = new CollectingFindings();
        analyzer.analyze(message.build(), TestScanContext.tenant(), findings);
        return findings;
    }

    @Test
    void findsOnePixelHiddenAndTrackerHostedImages() {
        TestMessage message = message()
                .html("<p>Hi</p>"
                        + "<img src='https://t.shop-mail.com/open/abc.gif' width='1' height='1'>"
                        + "<img src='https://img.shop-mail.com/o.png' style='display:none'>"
                        + "<img src='https://stats.news-site.com/p.gif' style='width:0px;height:0px'>"
                        + "<img src='https://mailtrack.io/trace/mail/123.png' width='40' height='20'>");

        assertThat(analyzer.trackers(message.build()))
                .extracting(Tracker::host)
                .containsExactly("t.shop-mail.com", "img.shop-mail.com", "stats.news-site.com", "mailtrack.io");
        assertThat(analyze(message).details(TRACKING_PIXEL))
                .containsExactly("t.shop-mail.com, img.shop-mail.com, stats.news-site.com, mailtrack.io");
    }

    @Test
    void findsLinksThroughClickTrackingHostsWithTheUrlAsWritten() {
        String tracked = "https://u123.ct.sendgrid.net/ls/click?upn=abc";

        TestMessage message = message()
                .html("<a href='" + tracked + "'>Read more</a>" + "<a href='https://www.shop-mail.com/sale'>Sale</a>");

        assertThat(analyzer.trackers(message.build()))
                .containsExactly(new Tracker(tracked, "u123.ct.sendgrid.net", Kind.LINK));
        assertThat(analyze(message).signals()).containsExactly(TRACKER_LINK);
    }

    @Test
    void ignoresVisibleImagesSpacersInlineImagesAndOrdinaryLinks() {
        TestMessage message = message()
                .html("<img src='https://img.shop-mail.com/banner.jpg' width='600' height='300'>"
                        + "<img src='https://img.shop-mail.com/spacer.gif' width='600' height='1'>"
                        + "<img src='cid:logo@shop' width='1' height='1'>"
                        + "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' width='1' height='1'>"
                        + "<img src='https://img.shop-mail.com/logo.png'>"
                        + "<a href='https://www.shop-mail.com/'>Home</a>");

        assertThat(analyzer.trackers(message.build())).isEmpty();
        assertThat(analyze(message).signals()).isEmpty();
    }

    @Test
    void reportsNothingForPlainTextMail() {
        assertThat(analyze(message().text("See you at 10.").link("https://www.contoso.com/agenda"))
                        .signals())
                .isEmpty();
    }
}
