package io.palisade.banners.marker;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.banners.TestBanners;
import org.junit.jupiter.api.Test;

class MarkerCodecTest {
    private final BannerMarker marker = BannerMarker.sign(TestBanners.KEY, "msg-7");

    @Test
    void textFormIsVersionThenBase64urlFieldsThenMac() {
        String text = MarkerCodec.toText(marker);

        // "tenant-a" and "msg-7" in base64url without padding.
        assertThat(text).isEqualTo("PLSD1.dGVuYW50LWE.bXNnLTc." + marker.mac());
        assertThat(MarkerCodec.fromText(text)).contains(marker);
        assertThat(MarkerCodec.fromText("  " + text + "\n")).contains(marker);
    }

    @Test
    void fieldsWithAnyCharactersSurviveTheRoundTrip() {
        BannerMarker odd = BannerMarker.sign(TestBanners.KEY, "<AAMk=ID/with.dots;and spaces>@exchange");

        assertThat(MarkerCodec.fromText(MarkerCodec.toText(odd))).contains(odd);
        assertThat(MarkerCodec.toText(odd)).matches("[A-Za-z0-9._-]+");
    }

    @Test
    void markerLineReadsBackToTheSameMarker() {
        String line = MarkerCodec.textLine(marker);

        assertThat(line).isEqualTo("Palisade-Banner: " + MarkerCodec.toText(marker));
        assertThat(MarkerCodec.fromTextLine(line)).contains(marker);
    }

    @Test
    void incompleteQuotedOrForeignInputIsNoMarker() {
        String text = MarkerCodec.toText(marker);

        assertThat(MarkerCodec.fromTextLine("> " + MarkerCodec.textLine(marker)))
                .isEmpty();
        assertThat(MarkerCodec.fromText("PLSD2" + text.substring(5))).isEmpty();
        assertThat(MarkerCodec.fromText(text.substring(0, text.length() - 1))).isEmpty();
        assertThat(MarkerCodec.fromText("PLSD1.dGVuYW50LWE..")).isEmpty();
        assertThat(MarkerCodec.fromText("see " + text)).isEmpty();
        assertThat(MarkerCodec.fromText(null)).isEmpty();
        assertThat(MarkerCodec.fromTextLine(null)).isEmpty();
    }
}
