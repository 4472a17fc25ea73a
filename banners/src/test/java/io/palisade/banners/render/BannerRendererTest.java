package io.palisade.banners.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.banners.TestBanners;
import io.palisade.banners.marker.BannerMarker;
import io.palisade.banners.marker.MarkerCodec;
import io.palisade.detection.api.RiskLevel;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BannerRendererTest {
    private static final URI LIVE = URI.create("https://palisade.example/b/tok123");
    private final BannerRenderer renderer = new BannerRenderer();

    private static BannerModel model(RiskLevel level, List<String> reasons, Branding branding, Locale locale) {
        return new BannerModel(level, reasons, LIVE, branding, locale, BannerMarker.sign(TestBanners.KEY, "msg-1"));
    }

    private static BannerModel model(RiskLevel level, Locale locale) {
        return model(level, TestBanners.REASONS, Branding.named("Fabrikam"), locale);
    }

    private static Element root(RenderedBanner banner) {
        Document document = Jsoup.parseBodyFragment(banner.html());
        return document.body().child(0);
    }

    @ParameterizedTest
    @CsvSource({"LOW, Caution", "SUSPICIOUS, Warning", "HIGH, High risk", "MALICIOUS, Danger"})
    void everyLevelNamesItselfInWordsForScreenReadersAndWithoutColour(RiskLevel level, String label) {
        RenderedBanner banner = renderer.render(model(level, Locale.ENGLISH));
        Element root = root(banner);

        assertThat(root.attr("role")).isEqualTo("note");
        assertThat(root.attr("aria-label")).startsWith(label + ":");
        assertThat(root.attr("lang")).isEqualTo("en");
        assertThat(root.attr("dir")).isEqualTo("ltr");
        assertThat(root.selectFirst("strong").text()).isEqualTo(label);
        assertThat(banner.text()).contains("[" + label + "] ");
        assertThat(root.select("img")).as("readable without images").isEmpty();
    }

    @Test
    void stylesAreInlineOnlyAndLayoutIsATable() {
        Element root = root(renderer.render(model(RiskLevel.HIGH, Locale.ENGLISH)));

        assertThat(root.select("style, link, script")).isEmpty();
        assertThat(root.select("[class]")).isEmpty();
        assertThat(root.select("table[role=presentation] td[bgcolor]")).hasSize(2);
        assertThat(root.select("td[bgcolor]").last().attr("style")).contains("background-color:#FDEBE3");
    }

    @Test
    void carriesTheMarkerOnTheRootElementAndInTheText() {
        RenderedBanner banner = renderer.render(model(RiskLevel.SUSPICIOUS, Locale.ENGLISH));

        assertThat(MarkerCodec.fromText(root(banner).attr(MarkerCodec.ATTRIBUTE)))
                .contains(banner.marker());
        assertThat(banner.text().lines().map(MarkerCodec::fromTextLine).flatMap(java.util.Optional::stream))
                .containsExactly(banner.marker());
        assertThat(banner.text()).startsWith(MarkerCodec.TEXT_RULE + "\n").endsWith(MarkerCodec.TEXT_RULE + "\n");
    }

    @Test
    void escapesAttackerControlledReasonsAndBranding() {
        List<String> reasons = List.of(
                "The sender's domain imitates <img src=x onerror=alert(1)>.example",
                "Link to \"><script>alert(2)</script>");
        Branding branding = new Branding("Acme <b>& Co</b>", null, Map.of());

        RenderedBanner banner = renderer.render(model(RiskLevel.HIGH, reasons, branding, Locale.ENGLISH));
        Element root = root(banner);

        assertThat(root.select("img, script, b")).isEmpty();
        assertThat(root.select("li").eachText())
                .containsExactly(
                        "The sender's domain imitates <img src=x onerror=alert(1)>.example",
                        "Link to \"><script>alert(2)</script>");
        assertThat(root.text()).contains("Security notice from Acme <b>& Co</b>");
        assertThat(banner.html()).doesNotContain("<script").doesNotContain("<img");
    }

    @Test
    void removesBidiOverridesAndLineBreaksFromReasons() {
        List<String> reasons = List.of("Link to \u202Egnp.exe\u202C", "two\nlines\r\nPalisade-Banner: v1");

        RenderedBanner banner = renderer.render(model(RiskLevel.HIGH, reasons, Branding.named("F"), Locale.ENGLISH));

        assertThat(banner.html()).doesNotContain("\u202E");
        assertThat(banner.text()).contains(" * Link to gnp.exe\n").contains(" * two lines Palisade-Banner: v1\n");
        assertThat(banner.text().lines().filter(line -> line.startsWith(MarkerCodec.TEXT_PREFIX)))
                .hasSize(1);
    }

    @Test
    void showsFiveReasonsAndCountsTheRest() {
        List<String> reasons = List.of("r1", "r2", "r3", "r4", "r5", "r6", "r7", "r2");

        RenderedBanner banner = renderer.render(model(RiskLevel.HIGH, reasons, Branding.named("F"), Locale.ENGLISH));

        assertThat(root(banner).select("li").eachText())
                .containsExactly("r1", "r2", "r3", "r4", "r5", "and 2 more reasons");
    }

    @ParameterizedTest
    @CsvSource({
        "fr-FR, fr, Risque élevé",
        "fr-CA, fr, Risque élevé",
        "de-AT, de, Hohes Risiko",
        "es, es, Riesgo alto",
        "ja-JP, en, High risk",
        "ar, en, High risk"
    })
    void choosesTheRecipientsLanguageWithEnglishFallback(String tag, String lang, String label) {
        Locale previous = Locale.getDefault();
        Locale.setDefault(Locale.GERMAN);
        try {
            RenderedBanner banner = renderer.render(model(RiskLevel.HIGH, Locale.forLanguageTag(tag)));

            assertThat(root(banner).attr("lang")).isEqualTo(lang);
            assertThat(root(banner).selectFirst("strong").text()).isEqualTo(label);
        } finally {
            Locale.setDefault(previous);
        }
    }

    @Test
    void missingLocaleMeansEnglish() {
        assertThat(root(renderer.render(model(RiskLevel.LOW, null))).attr("lang"))
                .isEqualTo("en");
    }

    @Test
    void tenantOverridesWinPerLevelAndPerLanguage() {
        Branding branding = new Branding(
                "Contoso",
                Colour.parse("#1F3A5F"),
                Map.of(
                        "level.HIGH.headline", "Contoso IT: do not trust this message.",
                        "level.HIGH.headline@fr", "Contoso IT : ne faites pas confiance à ce message.",
                        "footer", "Protected by {name}"));

        RenderedBanner english = renderer.render(model(RiskLevel.HIGH, List.of(), branding, Locale.ENGLISH));
        RenderedBanner french = renderer.render(model(RiskLevel.HIGH, List.of(), branding, Locale.FRENCH));
        RenderedBanner low = renderer.render(model(RiskLevel.LOW, List.of(), branding, Locale.ENGLISH));

        assertThat(english.text())
                .contains("Contoso IT: do not trust this message.")
                .contains("Protected by Contoso");
        assertThat(french.text()).contains("Contoso IT : ne faites pas confiance à ce message.");
        assertThat(low.text()).contains("Be careful with this message.");
        assertThat(root(english).select("p").last().attr("style")).contains("color:#1F3A5F");
    }

    @Test
    void omitsTheLinkWhenThereIsNoLivePage() {
        BannerModel model = new BannerModel(
                RiskLevel.LOW, List.of(), null, Branding.named("F"), null, BannerMarker.sign(TestBanners.KEY, "msg-1"));

        RenderedBanner banner = renderer.render(model);

        assertThat(root(banner).select("a")).isEmpty();
        assertThat(banner.text()).doesNotContain("http");
    }

    @Test
    void rejectsCleanLevelsAndNonWebLinks() {
        BannerMarker high = BannerMarker.sign(TestBanners.KEY, "msg-1");
        Branding branding = Branding.named("F");

        assertThatThrownBy(() -> new BannerModel(RiskLevel.CLEAN, List.of(), null, branding, null, high))
                .hasMessageContaining("CLEAN");
        assertThatThrownBy(() -> new BannerModel(
                        RiskLevel.HIGH, List.of(), URI.create("javascript:alert(1)"), branding, null, high))
                .hasMessageContaining("http");
    }
}
