package io.palisade.banners.render;

import java.util.List;

/**
 * Renders banners. Stateless and thread-safe; one instance serves every tenant.
 *
 * <pre>{@code
 * BannerMarker marker = BannerMarker.sign(tenantKey, messageKey);
 * BannerModel model = new BannerModel(verdict.level(), reasons, livePage, Branding.named("Contoso"),
 *         Locale.FRENCH, marker);
 * RenderedBanner banner = new BannerRenderer().render(model);
 * }</pre>
 */
public final class BannerRenderer {

    /** Renders both forms of the banner in the recipient's language (English when it has no bundle). */
    public RenderedBanner render(BannerModel model) {
        BannerTexts texts = BannerTexts.of(model.effectiveLocale(), model.branding());
        List<String> reasons = Reasons.clean(model.reasons());
        String html = HtmlBanner.write(model, texts, reasons);
        String text = TextBanner.write(model, texts, reasons);
        return new RenderedBanner(html, text, model.marker());
    }
}
