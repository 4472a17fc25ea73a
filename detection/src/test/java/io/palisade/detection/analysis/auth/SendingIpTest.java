package io.palisade.detection.analysis.auth;

import static io.palisade.detection.analysis.TestMessage.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SendingIpTest {

    private static final Set<String> TRUSTED = Set.of("mx.google.com", "");

    @Test
    void readsExchangeOnlinesHeadlessTopmostHeader() {
        var mail = message()
                .header(
                        "Authentication-Results",
                        "spf=pass (sender IP is 40.107.22.53) smtp.mailfrom=partner.example; dkim=pass"
                                + " (signature was verified) header.d=partner.example;dmarc=pass action=none")
                .build();

        assertThat(SendingIp.of(mail, TRUSTED)).contains("40.107.22.53");
    }

    @Test
    void readsGmailsSpfCommentAndRfc8601PropertiesInCanonicalForm() {
        var gmail = message()
                .header(
                        "Authentication-Results",
                        "mx.google.com; spf=pass (google.com: domain of a@partner.example designates"
                                + " 2001:DB8:0:0::25 as permitted sender) smtp.mailfrom=a@partner.example")
                .build();
        var iprev = message()
                .header("Authentication-Results", "mx.google.com; iprev=pass policy.iprev=192.0.2.44")
                .build();

        assertThat(SendingIp.of(gmail, TRUSTED)).contains("2001:db8::25");
        assertThat(SendingIp.of(iprev, TRUSTED)).contains("192.0.2.44");
    }

    @Test
    void ignoresUntrustedHeadersAndHeadersThatNameNoAddress() {
        var forged = message()
                .header("Authentication-Results", "mx.attacker.example; spf=pass (sender IP is 198.51.100.1)")
                .build();
        var headlessBelowTop = message()
                .header("Authentication-Results", "mx.google.com; dkim=pass header.d=a.example")
                .header("Authentication-Results", "spf=pass (sender IP is 198.51.100.1)")
                .build();
        var noIp = message()
                .header("Authentication-Results", "mx.google.com; spf=pass (sender IP is unknown)")
                .build();

        assertThat(SendingIp.of(forged, TRUSTED)).isEmpty();
        assertThat(SendingIp.of(headlessBelowTop, TRUSTED)).isEmpty();
        assertThat(SendingIp.of(noIp, TRUSTED)).isEmpty();
    }
}
