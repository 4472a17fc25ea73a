package io.palisade.detection.analysis.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void normalizesSchemeHostPortAndFragment() {
        assertThat(Urls.normalize(" <HTTPS://Example.COM.:443/Path?a=1#frag> "))
                .isEqualTo("https://example.com/Path?a=1");
        assertThat(Urls.normalize("www.example.com")).isEqualTo("http://www.example.com/");
        assertThat(Urls.normalize("http://example.com:8080")).isEqualTo("http://example.com:8080/");
    }

    @Test
    void convertsInternationalHostsToPunycode() {
        assertThat(Urls.parse("https://pаypal.com/").orElseThrow().host()).isEqualTo("xn--pypal-4ve.com");
        assertThat(Urls.toUnicode("xn--pypal-4ve.com")).isEqualTo("pаypal.com");
    }

    @Test
    void keepsUserInfoApartFromTheHost() {
        Url url = Urls.parse("http://www.paypal.com@evil.example/login").orElseThrow();

        assertThat(url.userInfo()).isEqualTo("www.paypal.com");
        assertThat(url.host()).isEqualTo("evil.example");
    }

    @Test
    void doesNotParseLinksWithoutAHost() {
        assertThat(Urls.parse("mailto:bob@example.com")).isEmpty();
        assertThat(Urls.parse("javascript:alert(1)")).isEmpty();
        assertThat(Urls.parse("just some text")).isEmpty();
        assertThat(Urls.parse(null)).isEmpty();
    }

    @Test
    void unwrapsMicrosoftSafeLinks() {
        String wrapped = "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil.example%2Flogin"
                + "%3Fid%3D7&data=05%7C01&sdata=abc&reserved=0";

        assertThat(Urls.unwrap(wrapped)).isEqualTo("https://evil.example/login?id=7");
        assertThat(Urls.isWrapped(wrapped)).isTrue();
    }

    @Test
    void unwrapsProofpointVersionTwo() {
        String wrapped = "https://urldefense.proofpoint.com/v2/url?u=https-3A__evil.example_path_page.php-3Fa-3D1"
                + "&d=DwMFaQ&c=abc&r=def&m=ghi&s=jkl&e=";

        assertThat(Urls.unwrap(wrapped)).isEqualTo("https://evil.example/path/page.php?a=1");
    }

    @Test
    void unwrapsProofpointVersionThreeWithReplacedCharacters() {
        // Proofpoint took out "?" and "=" and lists them base64url-encoded after "__;": "Pz0" = "?=".
        String wrapped = "https://urldefense.com/v3/__https://evil.example/login*id*7__;Pz0!!AbCd!efGh$";

        assertThat(Urls.unwrap(wrapped)).isEqualTo("https://evil.example/login?id=7");
    }

    @Test
    void unwrapsGoogleRedirectsAndMimecastDomains() {
        assertThat(Urls.unwrap("https://www.google.com/url?q=https://evil.example/x&sa=D"))
                .isEqualTo("https://evil.example/x");
        assertThat(Urls.unwrap("https://protect-eu.mimecast.com/s/AbCdEfGh?domain=evil.example"))
                .isEqualTo("https://evil.example/");
    }

    @Test
    void unwrapsStackedRewriters() {
        String inner = "https://www.google.com/url?q=https%3A%2F%2Fevil.example%2F";
        String outer = "https://nam02.safelinks.protection.outlook.com/?url="
                + java.net.URLEncoder.encode(inner, java.nio.charset.StandardCharsets.UTF_8);

        assertThat(Urls.unwrap(outer)).isEqualTo("https://evil.example/");
    }

    @Test
    void leavesOrdinaryLinksAlone() {
        assertThat(Urls.unwrap("https://www.google.com/search?q=palisade"))
                .isEqualTo("https://www.google.com/search?q=palisade");
        assertThat(Urls.isWrapped("https://example.com/url?q=https://evil.example/"))
                .isFalse();
        assertThat(Urls.isWrapped("https://outlook.office.com/mail/")).isFalse();
    }

    @Test
    void findsRegistrableDomainsByThePublicSuffixList() {
        assertThat(Urls.registrableDomain("login.secure.example.co.uk")).contains("example.co.uk");
        assertThat(Urls.registrableDomain("alice.github.io")).contains("alice.github.io");
        assertThat(Urls.registrableDomain("co.uk")).isEmpty();
        assertThat(Urls.registrableDomain("192.168.1.1")).isEmpty();
        assertThat(Urls.siteOf("intranet")).isEqualTo("intranet");
    }

    @Test
    void recognisesIpHosts() {
        assertThat(Urls.isIpHost("192.0.2.7")).isTrue();
        assertThat(Urls.isIpHost("[2001:db8::1]")).isTrue();
        assertThat(Urls.isIpHost("3221225985")).isTrue();
        assertThat(Urls.isIpHost("example.com")).isFalse();
        assertThat(Urls.isIpHost("1password.com")).isFalse();
    }
}
