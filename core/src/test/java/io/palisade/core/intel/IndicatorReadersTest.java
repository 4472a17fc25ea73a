package io.palisade.core.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IndicatorReadersTest {

    static final Instant NOW = Instant.parse("2026-12-04T06:00:00Z");

    static final String BUNDLE = """
            {"type":"bundle","id":"bundle--1","objects":[
              {"type":"indicator","spec_version":"2.1","id":"indicator--a","pattern_type":"stix",
               "pattern":"[url:value = 'https://login.contoso-secure.example/verify']","confidence":90,
               "valid_from":"2026-12-01T00:00:00Z"},
              {"type":"indicator","spec_version":"2.1","id":"indicator--b","pattern_type":"stix",
               "pattern":"[domain-name:value = 'Payroll-Portal.example'] OR [ipv4-addr:value = '198.51.100.7']"},
              {"type":"indicator","spec_version":"2.1","id":"indicator--c","pattern_type":"stix",
               "pattern":
               "[file:hashes.'SHA-256' = 'AEC070645FE53EE3B3763059376134F058CC337247C978ADD178B6CCDFB0019F']"},
              {"type":"indicator","spec_version":"2.1","id":"indicator--d","pattern_type":"stix","revoked":true,
               "pattern":"[domain-name:value = 'revoked.example']"},
              {"type":"indicator","spec_version":"2.1","id":"indicator--e","pattern_type":"stix",
               "valid_until":"2026-12-02T00:00:00Z","pattern":"[domain-name:value = 'expired.example']"},
              {"type":"indicator","spec_version":"2.1","id":"indicator--f","pattern_type":"stix",
               "pattern":"[email-addr:value = 'a@x.example' AND email-addr:display_name = 'CEO']"},
              {"type":"indicator","spec_version":"2.1","id":"indicator--g","pattern_type":"sigma","pattern":"title: x"},
              {"type":"malware","id":"malware--1","name":"not an indicator"}
            ]}
            """;

    @Test
    void readsTheIndicatorsOfAStixBundleOnePerComparison() {
        PlainListReader.Read read = StixBundleReader.read(BUNDLE, "feed", 60, NOW);

        assertThat(read.indicators())
                .extracting(NewIndicator::kind, NewIndicator::value, NewIndicator::confidence)
                .containsExactly(
                        tuple(IntelKind.URL, "https://login.contoso-secure.example/verify", 90),
                        tuple(IntelKind.DOMAIN, "payroll-portal.example", 60),
                        tuple(IntelKind.IP, "198.51.100.7", 60),
                        tuple(
                                IntelKind.SHA256,
                                "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f",
                                60));
    }

    @Test
    void skipsRevokedExpiredAndNonStixIndicatorsAndRefusesCombinedPatterns() {
        PlainListReader.Read read = StixBundleReader.read(BUNDLE, "feed", 60, NOW);

        assertThat(read.indicators())
                .extracting(NewIndicator::value)
                .doesNotContain("revoked.example", "expired.example", "a@x.example");
        assertThat(read.rejected()).singleElement().asString().startsWith("indicator--f");
    }

    @Test
    void refusesTextThatIsNotABundle() {
        assertThatThrownBy(() -> StixBundleReader.read("not json", "feed", 50, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> StixBundleReader.read("{\"type\":\"bundle\"}", "feed", 50, NOW))
                .hasMessageContaining("objects");
    }

    @Test
    void readsAPlainListRecognisingEachKindAndReportingBadLines() {
        String list = """
                # phishing kit, December
                https://payroll-portal.example/login
                payroll-portal.example
                Dana.Whitfield@Contoso-Payroll-Secure.com
                203.0.113.9
                aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f
                domain,evil.example
                not an indicator at all

                sha256,1234
                """;

        PlainListReader.Read read = PlainListReader.read(list, "kit list", 80, null);

        assertThat(read.indicators())
                .extracting(NewIndicator::kind, NewIndicator::value)
                .containsExactly(
                        tuple(IntelKind.URL, "https://payroll-portal.example/login"),
                        tuple(IntelKind.DOMAIN, "payroll-portal.example"),
                        tuple(IntelKind.SENDER, "dana.whitfield@contoso-payroll-secure.com"),
                        tuple(IntelKind.IP, "203.0.113.9"),
                        tuple(IntelKind.SHA256, "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f"),
                        tuple(IntelKind.DOMAIN, "evil.example"));
        assertThat(read.rejected()).hasSize(2);
        assertThat(read.rejected().get(0)).startsWith("line 8:");
        assertThat(read.rejected().get(1)).startsWith("line 10:").contains("SHA256");
    }

    @Test
    void refusesMalformedValuesWithAMessageQuotingThem() {
        assertThatThrownBy(() -> new NewIndicator(IntelKind.DOMAIN, "no dots", "feed", 50, null))
                .hasMessageContaining("'no dots'");
        assertThatThrownBy(() -> new NewIndicator(IntelKind.URL, "x", "feed", 101, null))
                .hasMessageContaining("confidence");
    }
}
