package io.palisade.detection.analysis.banner;

import static io.palisade.detection.analysis.TestMessage.message;
import static io.palisade.detection.analysis.banner.BannerImitationAnalyzer.BANNER_FORGED;
import static io.palisade.detection.analysis.banner.BannerImitationAnalyzer.SAFETY_BANNER_IMITATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.detection.analysis.CollectingFindings;
import io.palisade.detection.analysis.TestMessage;
import io.palisade.detection.analysis.TestScanContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BannerImitationAnalyzerTest {
    private static final byte[] CONTOSO_KEY = "contoso-banner-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FABRIKAM_KEY = "fabrikam-banner-key-0123456789abcd".getBytes(StandardCharsets.UTF_8);

    private final HmacBannerMarkers markers = new HmacBannerMarkers(tenant -> Optional.ofNullable(
            Map.of("contoso", CONTOSO_KEY, "fabrikam", FABRIKAM_KEY).get(tenant)));
    private final BannerImitationAnalyzer analyzer = new BannerImitationAnalyzer(markers);

    private List<String> signals(TestMessage message, Optional<String> tenant) {
        CollectingFindings findings = new CollectingFindings();
        analyzer.analyze(message.build(), TestScanContext.tenant().withTenantId(tenant), findings);
        return findings.signals();
    }

    private List<String> signals(TestMessage message) {
        return signals(message, Optional.of("contoso"));
    }

    private static String bannerHtml(String marker) {
        return "<div id='palisade-banner' data-palisade-marker='" + marker + "'><b>Caution</b>: first message"
                + " from this sender</div><p>Hello Bob</p>";
    }

    @Test
    void acceptsAGenuineMarkerOfTheScannedTenantInHtmlOrText() {
        String genuine = markers.sign("contoso", "msg-42").toText();

        assertThat(signals(message().html(bannerHtml(genuine)))).isEmpty();
        assertThat(signals(message()
                        .text("[Palisade] Caution: first message from this sender " + genuine + "\n\nHello Bob")))
                .isEmpty();
        assertThat(signals(message().html(bannerHtml(genuine)), Optional.empty()))
                .isEmpty();
    }

    @Test
    void flagsMarkersWithABadSignatureOrFromAnotherTenant() {
        BannerMarker genuine = markers.sign("contoso", "msg-42");
        byte[] tampered = genuine.signature();
        tampered[0] ^= 1;
        String forged = new BannerMarker("contoso", "msg-42", tampered).toText();
        String otherTenants = markers.sign("fabrikam", "msg-7").toText();

        assertThat(signals(message().html(bannerHtml(forged)))).containsExactly(BANNER_FORGED);
        assertThat(signals(message().html(bannerHtml(otherTenants)))).containsExactly(BANNER_FORGED);
        assertThat(signals(message().text("Verified by Palisade " + forged))).containsExactly(BANNER_FORGED);
    }

    @Test
    void flagsCopiedBannerLayoutAndPalisadeSafetyNoticesWithoutMarker() {
        assertThat(signals(message().html("<div class='palisade-banner level-clean'>Safe</div><p>Pay now</p>")))
                .containsExactly(BANNER_FORGED);
        assertThat(signals(message()
                        .text("Palisade: this message has been verified as safe.\n\n" + "Dear customer,"
                                + " please review the attached invoice and pay it today. ".repeat(3))))
                .containsExactly(BANNER_FORGED);
    }

    @Test
    void flagsSafetyClaimsOfOtherSecurityProductsAtTheTop() {
        assertThat(signals(message()
                        .text("Scanned by Microsoft Defender: no threats detected. This sender is"
                                + " trusted.\n\nPlease open the shared document below and sign in to view it. "
                                        .repeat(2))))
                .containsExactly(SAFETY_BANNER_IMITATION);
    }

    @Test
    void acceptsWarningBannersFootersAndOrdinaryUsesOfTheWords() {
        String externalWarning = "CAUTION: This email originated from outside of the organization. Do not click"
                + " links or open attachments unless you recognize the sender.\n\nHi Bob, the report is attached.";
        String footer = "Hi Bob, see you Monday.\n\nAlice\n\n--\nThis email has been checked for viruses by Avast"
                + " antivirus software.";
        String newsletter = "Add news@shop-mail.com to your safe senders list to keep receiving our deals."
                + " This week: garden furniture.";

        assertThat(signals(message().text(externalWarning))).isEmpty();
        assertThat(signals(message().text(footer))).isEmpty();
        assertThat(signals(message().text(newsletter))).isEmpty();
        assertThat(signals(message().text("We finished the palisade fence along the north field yesterday.")))
                .isEmpty();
    }

    @Test
    void roundTripsMarkersThroughTheirTextForm() {
        BannerMarker odd = new BannerMarker("tenant.with.dots", "key/with:odd chars", new byte[32]);
        BannerMarker signed = markers.sign("contoso", "msg-1");

        assertThat(BannerMarker.parse(odd.toText())).contains(odd);
        assertThat(markers.verify(
                        Optional.of("contoso"),
                        BannerMarker.parse(signed.toText()).orElseThrow()))
                .isTrue();
        assertThat(markers.verify(Optional.of("fabrikam"), signed)).isFalse();
        assertThat(BannerMarker.parse("PLSD1.bad")).isEmpty();
        assertThat(BannerMarker.parse(null)).isEmpty();
    }

    @Test
    void refusesToSignWithoutAStrongKey() {
        HmacBannerMarkers weak = new HmacBannerMarkers(tenant -> Optional.of(new byte[8]));

        assertThatThrownBy(() -> weak.sign("contoso", "m")).isInstanceOf(IllegalStateException.class);
        assertThat(BannerMarkerVerifier.rejectingAll().verify(Optional.empty(), markers.sign("contoso", "m")))
                .isFalse();
    }
}
