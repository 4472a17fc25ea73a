package io.palisade.banners.marker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.banners.TestBanners;
import io.palisade.detection.api.RiskLevel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BannerMarkerTest {
    private static final MarkerKey KEY = TestBanners.KEY;

    @Test
    void signedMarkerVerifiesUnderItsTenantKey() {
        BannerMarker marker = BannerMarker.sign(KEY, "msg-1", RiskLevel.HIGH);

        assertThat(marker.verify(KEY)).isTrue();
        assertThat(marker.version()).isEqualTo("v1");
        assertThat(marker.mac()).hasSize(43).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void macMatchesTheDocumentedFormatComputedIndependently() {
        // HMAC-SHA256(key, "palisade-banner\nv1\ntenant-a\nmsg-original\nHIGH"), base64url without padding,
        // computed with Python's hmac module from the format in docs/banners.md.
        BannerMarker marker = BannerMarker.sign(KEY, "msg-original", RiskLevel.HIGH);

        assertThat(marker.mac()).isEqualTo("LpA_5nn5imxc_wlwJ4VU4qlcHC3C17UvmjQJViLPPtM");
    }

    @Test
    void markerDoesNotVerifyUnderAnotherTenantsKey() {
        BannerMarker marker = BannerMarker.sign(KEY, "msg-1", RiskLevel.HIGH);

        assertThat(marker.verify(TestBanners.OTHER_TENANT_KEY)).isFalse();
    }

    @Test
    void markerDoesNotVerifyUnderAnotherKeyOfTheSameTenant() {
        MarkerKey rotated = new MarkerKey(
                "tenant-a", "a-rotated-secret-for-tenant-a-0123456789".getBytes(StandardCharsets.US_ASCII));
        BannerMarker marker = BannerMarker.sign(KEY, "msg-1", RiskLevel.HIGH);

        assertThat(marker.verify(rotated)).isFalse();
    }

    @Test
    void changingLevelMessageOrMacBreaksVerification() {
        BannerMarker genuine = BannerMarker.sign(KEY, "msg-1", RiskLevel.HIGH);

        BannerMarker lowered = new BannerMarker("v1", "tenant-a", "msg-1", RiskLevel.LOW, genuine.mac());
        BannerMarker moved = new BannerMarker("v1", "tenant-a", "msg-2", RiskLevel.HIGH, genuine.mac());
        BannerMarker flipped = new BannerMarker(
                "v1",
                "tenant-a",
                "msg-1",
                RiskLevel.HIGH,
                (genuine.mac().charAt(0) == 'A' ? "B" : "A") + genuine.mac().substring(1));
        BannerMarker future = new BannerMarker("v2", "tenant-a", "msg-1", RiskLevel.HIGH, genuine.mac());

        assertThat(lowered.verify(KEY)).isFalse();
        assertThat(moved.verify(KEY)).isFalse();
        assertThat(flipped.verify(KEY)).isFalse();
        assertThat(future.verify(KEY)).isFalse();
    }

    @Test
    void malformedMacIsNotGenuineAndDoesNotThrow() {
        assertThat(new BannerMarker("v1", "tenant-a", "msg-1", RiskLevel.HIGH, "not base64 !!").verify(KEY))
                .isFalse();
        assertThat(new BannerMarker("v1", "tenant-a", "msg-1", RiskLevel.HIGH, "").verify(KEY))
                .isFalse();
    }

    @Test
    void rejectsMessageKeysThatCouldBreakTheMarkerFormat() {
        assertThatThrownBy(() -> BannerMarker.sign(KEY, "msg 1; level=LOW", RiskLevel.HIGH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("messageKey");
        assertThatThrownBy(() -> BannerMarker.sign(KEY, "msg\"><script>", RiskLevel.HIGH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cleanLevelHasNoMarker() {
        assertThatThrownBy(() -> BannerMarker.sign(KEY, "msg-1", RiskLevel.CLEAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CLEAN");
    }

    @Test
    void keyRejectsShortSecretsAndNeverPrintsTheSecret() {
        assertThatThrownBy(() -> new MarkerKey("tenant-a", new byte[16]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes");
        assertThat(KEY.toString()).contains("tenant-a").contains("redacted").doesNotContain("palisade-test");
    }

    @Test
    void keyCopiesItsSecretSoCallersCannotChangeIt() {
        byte[] secret = "a-secret-that-the-caller-keeps-0123456789".getBytes(StandardCharsets.US_ASCII);
        MarkerKey key = new MarkerKey("tenant-a", secret);
        BannerMarker before = BannerMarker.sign(key, "msg-1", RiskLevel.LOW);

        secret[0] = 'X';
        key.secret()[1] = 'Y';

        assertThat(before.verify(key)).isTrue();
    }
}
