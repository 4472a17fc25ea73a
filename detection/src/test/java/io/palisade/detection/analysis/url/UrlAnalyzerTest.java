package io.palisade.detection.analysis.url;

import static io.palisade.detection.analysis.TestMessage.message;
import static io.palisade.detection.analysis.url.UrlAnalyzer.LINK_TEXT_MISMATCH;
import static io.palisade.detection.analysis.url.UrlAnalyzer.URL_BRAND_IN_HOST;
import static io.palisade.detection.analysis.url.UrlAnalyzer.URL_BRAND_IN_PATH;
import static io.palisade.detection.analysis.url.UrlAnalyzer.URL_DEEP_SUBDOMAINS;
import static io.palisade.detection.analysis.url.UrlAnalyzer.URL_ENCODED_HOST;
import static io.palisade.detection.analysis.url.UrlAnalyzer.URL_FORM_ACTION;
import static io.palisade.detection.analysis.url.UrlAnalyzer.URL_FREE_SUBDOMAIN_HOST;
import static io.palisade.detection.analysis.url.UrlAnalyzer.URL_IP_HOST;
import static io.palisade.detection.analysis.url.UrlAnalyzer.URL_NONSTANDARD_PORT;
import static io.palisade.detection.analysis.url.UrlAnalyzer.URL_OBFUSCATED_PATH;
import static io.palisade.detection.analysis.url.UrlAnalyzer.URL_PUNYCODE;
import static io.palisade.detection.analysis.url.UrlAnalyzer.URL_SCRIPT_SCHEME;
import static io.palisade.detection.analysis.url.UrlAnalyzer.URL_SHORTENER;
import static io.palisade.detection.analysis.url.UrlAnalyzer.URL_SUSPICIOUS_TLD;
import static io.palisade.detection.analysis.url.UrlAnalyzer.URL_USERINFO;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.detection.analysis.CollectingFindings;
import io.palisade.detection.analysis.TestScanContext;
import io.palisade.detection.model.ParsedMessage;
import org.junit.jupiter.api.Test;

class UrlAnalyzerTest {
    private final UrlAnalyzer analyzer = new UrlAnalyzer();

    private CollectingFindings analyze(ParsedMessage message) {
        CollectingFindings findings = new CollectingFindings();
        analyzer.analyze(message, TestScanContext.tenant(), findings);
        return findings;
    }

    private CollectingFindings analyzeLink(String url) {
        return analyze(message().link(url).build());
    }

    @Test
    void flagsShortenersAndFreeSubdomainHosts() {
        assertThat(analyzeLink("https://bit.ly/3xYzAbC").signals()).containsExactly(URL_SHORTENER);
        assertThat(analyzeLink("https://secure-docs-4411.weebly.com/").signals())
                .containsExactly(URL_FREE_SUBDOMAIN_HOST);
    }

    @Test
    void flagsLexicalFeaturesOfPhishingUrls() {
        assertThat(analyzeLink("http://192.0.2.44/office/login.php").signals()).containsExactly(URL_IP_HOST);
        assertThat(analyzeLink("https://accounts.google.com@203.0.113.5/").signals())
                .containsExactly(URL_USERINFO, URL_IP_HOST);
        assertThat(analyzeLink("https://login.account.verify.secure.mailbox-check.com/")
                        .signals())
                .containsExactly(URL_DEEP_SUBDOMAINS);
        assertThat(analyzeLink("https://xn--pypal-4ve.com/").details(URL_PUNYCODE))
                .containsExactly("pаypal.com");
        assertThat(analyzeLink("https://invoice-portal.xyz/").details(URL_SUSPICIOUS_TLD))
                .containsExactly("invoice-portal.xyz");
    }

    @Test
    void flagsBrandNamesOnSitesTheBrandDoesNotOwn() {
        assertThat(analyzeLink("https://paypal.com.account-review.net/").signals())
                .containsExactly(URL_BRAND_IN_HOST);
        assertThat(analyzeLink("https://files-share.net/microsoft/login/index.html")
                        .signals())
                .containsExactly(URL_BRAND_IN_PATH);
    }

    @Test
    void doesNotFlagBrandsOnTheirOwnSitesOrInOrdinaryArticlePaths() {
        assertThat(analyzeLink("https://www.paypal.com/signin").signals()).isEmpty();
        assertThat(analyzeLink("https://login.microsoftonline.com/common/oauth2")
                        .signals())
                .isEmpty();
        assertThat(analyzeLink("https://news-site.com/2024/microsoft-earnings-beat-expectations")
                        .signals())
                .isEmpty();
        assertThat(analyzeLink("https://paypalobjects.com/en_US/i/logo.png").signals())
                .isEmpty();
    }

    @Test
    void flagsScriptLinksFormsAndEncodedPaths() {
        assertThat(analyzeLink("javascript:document.location='https://x.example'")
                        .signals())
                .containsExactly(URL_SCRIPT_SCHEME);
        assertThat(analyze(message()
                                .html("<form action='https://collect-data.net/post'><input name=p></form>")
                                .link("https://collect-data.net/post", "")
                                .build())
                        .signals())
                .isEmpty();
        assertThat(analyze(message().formAction("https://collect-data.net/post").build())
                        .signals())
                .containsExactly(URL_FORM_ACTION);
        assertThat(analyzeLink("https://cdn-host.net/%61%63%63%6f%75%6e%74%2f%6c%6f%67%69%6e%2f%76%65%72%69%66%79")
                        .signals())
                .containsExactly(URL_OBFUSCATED_PATH);
    }

    @Test
    void flagsAnchorTextThatShowsAnotherSiteAfterUnwrapping() {
        String safeLink = "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fpaypa1-support.com%2F";

        CollectingFindings findings = analyze(message()
                .html("<a href='" + safeLink + "'>https://www.paypal.com/signin</a>")
                .build());

        assertThat(findings.details(LINK_TEXT_MISMATCH)).containsExactly("paypal.com");
    }

    @Test
    void acceptsAnchorTextOnTheSameSiteOrBehindAnEspClickTracker() {
        assertThat(analyze(message()
                                .html("<a href='https://www.contoso.com/offers'>contoso.com</a>")
                                .build())
                        .signals())
                .isEmpty();
        assertThat(analyze(message()
                                .html("<a href='https://u123.ct.sendgrid.net/ls/click?upn=abc'>"
                                        + "www.shop-mail.com</a>")
                                .build())
                        .signals())
                .isEmpty();
        assertThat(analyze(message()
                                .html("<a href='https://docs.partner-firm.com/a.pdf'>report.pdf</a>"
                                        + "<a href='https://partner-firm.com/'>Click here</a>")
                                .build())
                        .signals())
                .isEmpty();
    }

    @Test
    void ignoresImagesAndOrdinaryNewsletterLinks() {
        CollectingFindings findings = analyze(message()
                .html("<img src='http://192.0.2.1/p.gif' width=1 height=1>"
                        + "<a href='https://www.shop-mail.com/sale?utm_source=newsletter'>Shop now</a>"
                        + "<a href='https://shop-mail.com/unsubscribe?id=42'>Unsubscribe</a>")
                .build());

        assertThat(findings.signals()).isEmpty();
    }

    @Test
    void inspectsSingleUrlsForOtherLayers() {
        CollectingFindings findings = new CollectingFindings();

        analyzer.inspectUrl("http://198.51.100.3/pay", findings);
        analyzer.inspectUrl("https://www.contoso.com/", findings);

        assertThat(findings.signals()).containsExactly(URL_IP_HOST);
    }

    @Test
    void decodesPercentEscapedHostsAndInspectsWhatTheBrowserWouldOpen() {
        CollectingFindings findings = analyzeLink("http://%31%39%32.0.2.%34%34/signin");
        assertThat(findings.signals()).containsExactly(URL_ENCODED_HOST, URL_IP_HOST);
        assertThat(findings.details(URL_ENCODED_HOST)).containsExactly("192.0.2.44");
        assertThat(analyzeLink("http://s6.%6D%79host.example.com/").details(URL_ENCODED_HOST))
                .containsExactly("s6.myhost.example.com");
    }

    @Test
    void flagsUnusualPortsButNotTheUsualWebPorts() {
        assertThat(analyzeLink("http://logon.bank-secure.example.com:280/").details(URL_NONSTANDARD_PORT))
                .containsExactly("logon.bank-secure.example.com:280");
        assertThat(analyzeLink("http://intranet.example.com:8080/wiki").signals())
                .doesNotContain(URL_NONSTANDARD_PORT);
        assertThat(analyzeLink("https://shop.example.com:443/cart").signals()).isEmpty();
        assertThat(analyzeLink("https://shop.example.com/100%25-cotton").signals())
                .isEmpty();
    }
}
