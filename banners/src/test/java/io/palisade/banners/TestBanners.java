package io.palisade.banners;

import io.palisade.banners.inject.InjectionOptions;
import io.palisade.banners.marker.BannerMarker;
import io.palisade.banners.marker.MarkerKey;
import io.palisade.banners.render.BannerModel;
import io.palisade.banners.render.BannerRenderer;
import io.palisade.banners.render.Branding;
import io.palisade.banners.render.RenderedBanner;
import io.palisade.detection.api.RiskLevel;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Fixed keys and banners for tests, so that golden files stay stable. */
public final class TestBanners {
    /** The tenant key of the golden files; its MACs can be recomputed with any HMAC-SHA256 tool. */
    public static final MarkerKey KEY =
            new MarkerKey("tenant-a", "palisade-test-tenant-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    public static final MarkerKey OTHER_TENANT_KEY =
            new MarkerKey("tenant-b", "another-tenant-secret-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    public static final List<String> REASONS = List.of(
            "First message from this sender.",
            "The sender's domain imitates contoso.com.",
            "This link opens a page that asks for your password.");

    private TestBanners() {}

    public static RenderedBanner banner(RiskLevel level, String messageKey, Locale locale) {
        BannerMarker marker = BannerMarker.sign(KEY, messageKey);
        BannerModel model = new BannerModel(
                level,
                REASONS,
                URI.create("https://palisade.fabrikam.example/b/tok-" + messageKey),
                Branding.named("Fabrikam IT Security"),
                locale,
                marker);
        return new BannerRenderer().render(model);
    }

    public static RenderedBanner banner(RiskLevel level, String messageKey) {
        return banner(level, messageKey, Locale.ENGLISH);
    }

    public static InjectionOptions options() {
        return InjectionOptions.of(KEY);
    }
}
