package io.palisade.m365.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.ItemBody;
import org.junit.jupiter.api.Test;

class BodyTextTest {

    private static final String SENT = """
            <html><body><div data-palisade-banner="v1" style="background:#fff4e5;padding:8px">
            <strong>High risk</strong> The sender's domain imitates contoso.com</div>
            <p>Hi, please review the new payroll portal.</p></body></html>""";

    @Test
    void aBodyExchangeReformattedReadsAsTheOneSent() {
        String stored = """
                <html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
                <style type="text/css" style="display:none">P {margin-top:0;margin-bottom:0;}</style></head>
                <body dir="ltr"><div style="padding: 8px; background: rgb(255, 244, 229);">
                <strong>High&nbsp;risk</strong>  The sender's domain imitates contoso.com</div>
                <p>Hi, please review the new
                payroll portal.</p></body></html>""";

        assertThat(BodyText.sameReading(html(stored), BodyType.Html, SENT)).isTrue();
    }

    @Test
    void theOldBannerOfAnIgnoredPatchDoesNotReadAsTheNewOne() {
        String old = SENT.replace("High risk", "Suspicious");

        assertThat(BodyText.sameReading(html(old), BodyType.Html, SENT)).isFalse();
    }

    @Test
    void aBannerLeftInPlaceDoesNotReadAsItsRemoval() {
        String withoutBanner = "<html><body><p>Hi, please review the new payroll portal.</p></body></html>";

        assertThat(BodyText.sameReading(html(SENT), BodyType.Html, withoutBanner))
                .isFalse();
    }

    @Test
    void aPlainTextBodyReadsTheSameWhateverItsLineBreaks() {
        ItemBody stored = new ItemBody();
        stored.setContentType(BodyType.Text);
        stored.setContent("[High risk] The sender's domain imitates contoso.com\r\n\r\nHi, please review.");

        assertThat(BodyText.sameReading(
                        stored,
                        BodyType.Text,
                        "[High risk] The sender's domain imitates contoso.com\n\nHi, please review."))
                .isTrue();
        assertThat(BodyText.sameReading(stored, BodyType.Text, "Hi, please review."))
                .isFalse();
    }

    @Test
    void aTextBodyStoredAsHtmlReadsAsTheTextSent() {
        assertThat(BodyText.sameReading(
                        html("<html><body><div>[High risk] Check the sender.<br>Hi there.</div></body></html>"),
                        BodyType.Text,
                        "[High risk] Check the sender.\nHi there."))
                .isTrue();
    }

    private static ItemBody html(String content) {
        ItemBody body = new ItemBody();
        body.setContentType(BodyType.Html);
        body.setContent(content);
        return body;
    }
}
