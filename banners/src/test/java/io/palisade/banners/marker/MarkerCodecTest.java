package io.palisade.banners.marker;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.banners.TestBanners;
import io.palisade.detection.api.RiskLevel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkerCodecTest {
    private final BannerMarker marker = BannerMarker.sign(TestBanners.KEY, "msg-7", RiskLevel.SUSPICIOUS);

    @Test
    void attributesReadBackToTheSameMarker() {
        Map<String, String> attributes = MarkerCodec.attributes(marker);

        assertThat(attributes)
                .containsEntry("data-palisade-banner", "v1")
                .containsEntry("data-palisade-tenant", "tenant-a")
                .containsEntry("data-palisade-msg", "msg-7")
                .containsEntry("data-palisade-level", "SUSPICIOUS")
                .containsEntry("data-palisade-mac", marker.mac());
        assertThat(MarkerCodec.fromAttributes(attributes::get)).contains(marker);
    }

    @Test
    void textLineReadsBackToTheSameMarker() {
        String line = MarkerCodec.textLine(marker);

        assertThat(line)
                .isEqualTo("Palisade-Banner: v1; tenant=tenant-a; msg=msg-7; level=SUSPICIOUS; mac=" + marker.mac());
        assertThat(MarkerCodec.fromTextLine(line)).contains(marker);
        assertThat(MarkerCodec.fromTextLine(line + "  ")).contains(marker);
    }

    @Test
    void incompleteOrForeignInputIsNoMarker() {
        assertThat(MarkerCodec.fromAttributes(name -> name.equals("data-palisade-banner") ? "v1" : ""))
                .isEmpty();
        assertThat(MarkerCodec.fromAttributes(name -> name.equals("data-palisade-level") ? "SEVERE" : "x"))
                .isEmpty();
        assertThat(MarkerCodec.fromTextLine("> " + MarkerCodec.textLine(marker)))
                .isEmpty();
        assertThat(MarkerCodec.fromTextLine("Palisade-Banner: v1; tenant=t; msg=m; level=HIGH"))
                .isEmpty();
        assertThat(MarkerCodec.fromTextLine(null)).isEmpty();
    }
}
