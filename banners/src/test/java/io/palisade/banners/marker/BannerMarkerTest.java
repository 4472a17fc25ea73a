package io.palisade.banners.marker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.banners.TestBanners;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BannerMarkerTest {
    private static final MarkerKey KEY = TestBanners.KEY;

    @Test
    void signedMarkerVerifiesUnderItsTenantKey() {
        BannerMarker marker = BannerMarker.sign(KEY, "msg-1");

        assertThat(marker.verify(KEY)).isTrue();
        assertThat(marker.tenantId()).isEqualTo("tenant-a");
        assertThat(marker.mac()).hasSize(43).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void macMatchesTheDocumentedFormatComputedIndependently() {
        // HMAC-SHA256(key, "PLSD1\n8:tenant-a\n12:msg-original"), base64url without padding, computed with
        // Python's hmac module from the format in docs/banners.md (the layout detection's verifier checks).
        BannerMarker marker = BannerMarker.sign(KEY, "msg-original");

        assertThat(marker.mac()).isEqualTo("OwMEhtqkNhIn6N7nomi3Ypk6a76iQOPno_12bmtLUTU");
    }

    @Test
    void signedBytesCarryTheUtf8LengthOfEachField() {
        assertThat(new String(BannerMarker.signedBytes("tenant-é", "m:1"), StandardCharsets.UTF_8))
                .isEqualTo("PLSD1\n9:tenant-é\n3:m:1");
    }

    @Test
    void markerDoesNotVerifyUnderAnotherTenantsKey() {
        BannerMarker marker = BannerMarker.sign(KEY, "msg-1");

        assertThat(marker.verify(TestBanners.OTHER_TENANT_KEY)).isFalse();
    }

    @Test
    void markerDoesNotVerifyUnderAnotherKeyOfTheSameTenant() {
        MarkerKey rotated = new MarkerKey(
                "tenant-a", "a-rotated-secret-for-tenant-a-0123456789".getBytes(StandardCharsets.US_ASCII));
        BannerMarker marker = BannerMarker.sign(KEY, "msg-1");

        assertThat(marker.verify(rotated)).isFalse();
    }

    @Test
    void changingMessageTenantOrMacBreaksVerification() {
        BannerMarker genuine = BannerMarker.sign(KEY, "msg-1");

        BannerMarker moved = new BannerMarker("tenant-a", "msg-2", genuine.mac());
        BannerMarker otherTenant = new BannerMarker("tenant-b", "msg-1", genuine.mac());
        String first = genuine.mac().charAt(0) == 'A' ? "B" : "A";
        BannerMarker flipped =
                new BannerMarker("tenant-a", "msg-1", first + genuine.mac().substring(1));

        assertThat(moved.verify(KEY)).isFalse();
        assertThat(otherTenant.verify(KEY)).isFalse();
        assertThat(flipped.verify(KEY)).isFalse();
    }

    @Test
    void malformedMacIsNotGenuineAndDoesNotThrow() {
        assertThat(new BannerMarker("tenant-a", "msg-1", "not base64 !!").verify(KEY))
                .isFalse();
        assertThat(new BannerMarker("tenant-a", "msg-1", "").verify(KEY)).isFalse();
    }

    @Test
    void rejectsEmptyAndOverlongMessageKeys() {
        assertThatThrownBy(() -> BannerMarker.sign(KEY, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("messageKey");
        assertThatThrownBy(() -> BannerMarker.sign(KEY, "k".repeat(257)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("257");
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
        BannerMarker before = BannerMarker.sign(key, "msg-1");

        secret[0] = 'X';
        key.secret()[1] = 'Y';

        assertThat(before.verify(key)).isTrue();
    }
}
