package io.palisade.detection.analysis.prefilter;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.detection.api.IndicatorKey;
import io.palisade.detection.api.ScanContext.IndicatorKind;
import org.junit.jupiter.api.Test;

class IndicatorKeysTest {

    @Test
    void givesADomainWithEveryParentDownToItsRegistrableDomainButNeverThePublicSuffix() {
        assertThat(IndicatorKeys.domainAndParents("Mail.Billing.Example.CO.UK."))
                .containsExactly("mail.billing.example.co.uk", "billing.example.co.uk", "example.co.uk");
        assertThat(IndicatorKeys.domainAndParents("example.com")).containsExactly("example.com");
        assertThat(IndicatorKeys.domainAndParents("a.b.github.io")).containsExactly("a.b.github.io", "b.github.io");
        assertThat(IndicatorKeys.domainAndParents("intranet")).containsExactly("intranet");
        assertThat(IndicatorKeys.domainAndParents("")).isEmpty();
    }

    @Test
    void givesALinksUrlAndHostButAnIpHostOnlyAsAnIp() {
        assertThat(IndicatorKeys.ofUrl("HTTPS://cdn.Evil-Login.net/a#frag"))
                .containsExactly(
                        new IndicatorKey(IndicatorKind.URL, "https://cdn.evil-login.net/a"),
                        new IndicatorKey(IndicatorKind.DOMAIN, "cdn.evil-login.net"),
                        new IndicatorKey(IndicatorKind.DOMAIN, "evil-login.net"));
        assertThat(IndicatorKeys.ofUrl("http://[2001:DB8::1]/x"))
                .filteredOn(key -> key.kind() != IndicatorKind.URL)
                .containsExactly(new IndicatorKey(IndicatorKind.IP, "2001:db8::1"));
        assertThat(IndicatorKeys.ofUrl("mailto:a@evil-login.net")).isEmpty();
    }
}
