package io.palisade.detection.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlPartsTest {

    @Test
    void findsTheRegistrableDomainUnderAMultiLabelSuffix() {
        assertThat(UrlParts.of("https://Login.Secure.Example.CO.UK/a/b?c=d#e"))
                .isEqualTo(new UrlParts("login.secure.example.co.uk", "example.co.uk", "co.uk", "/a/b?c=d#e"));
    }

    @Test
    void dropsUserInfoPortAndTrailingDotFromTheHost() {
        assertThat(UrlParts.of("http://paypal.com@evil.example.net.:8443/x").host())
                .isEqualTo("evil.example.net");
        assertThat(UrlParts.of("http://paypal.com@evil.example.net.:8443/x").domain())
                .isEqualTo("example.net");
    }

    @Test
    void treatsABackslashAsTheEndOfTheHostAsBrowsersDo() {
        assertThat(UrlParts.of("https://evil.example\\@good.example.com/").host())
                .isEqualTo("evil.example");
    }

    @Test
    void readsAddressesWithoutAScheme() {
        assertThat(UrlParts.of("www.fabrikam.com/help"))
                .isEqualTo(new UrlParts("www.fabrikam.com", "fabrikam.com", "com", "/help"));
    }

    @Test
    void keepsAnIpAddressAsItsOwnDomainWithoutATld() {
        assertThat(UrlParts.of("http://192.168.10.5/login"))
                .isEqualTo(new UrlParts("192.168.10.5", "192.168.10.5", "", "/login"));
    }

    @Test
    void givesNoHostToMailtoAndJavascriptLinks() {
        assertThat(UrlParts.of("mailto:someone@example.com").host()).isEmpty();
        assertThat(UrlParts.of("javascript:alert(1)").host()).isEmpty();
    }

    @Test
    void keepsAHostUnderNoKnownSuffixAsItsOwnDomain() {
        assertThat(UrlParts.of("https://intranet.local-corp/x"))
                .isEqualTo(new UrlParts("intranet.local-corp", "intranet.local-corp", "", "/x"));
    }
}
