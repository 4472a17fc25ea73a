package io.palisade.banners.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BannerWordingTest {

    private static final Signal LOOKALIKE = new Signal(
            "LOOKALIKE_BRAND_DOMAIN", "sender", 40, "The sender's domain imitates contoso.com", "contoso.com");
    private static final Signal NO_EVIDENCE = new Signal(
            "FIRST_CONTACT", "sender", 10, "This is the first message your organisation receives from this sender", "");
    private static final Signal UNTRANSLATED =
            new Signal("URL_IP_HOST", "url", 20, "A link opens a numeric address (192.0.2.1)", "192.0.2.1");

    @Test
    void saysReasonsInTheRecipientsLanguageWithTheEvidenceInTheSlot() {
        Wording german = Wording.of(Locale.GERMANY, Branding.named("Fabrikam"));

        assertThat(german.reasons(List.of(LOOKALIKE)))
                .containsExactly("Die Domain des Absenders ahmt contoso.com nach");
        assertThat(german.languageTag()).isEqualTo("de");
    }

    @Test
    void keepsDetectionsSentenceWhenTheLanguageHasNoWordingForTheSignalOrTheEvidenceIsMissing() {
        Wording spanish = Wording.of(Locale.forLanguageTag("es-MX"), Branding.named("Fabrikam"));

        assertThat(spanish.reasons(List.of(UNTRANSLATED, NO_EVIDENCE)))
                .containsExactly(UNTRANSLATED.reason(), NO_EVIDENCE.reason());
    }

    @Test
    void englishShowsTheReasonsAsDetectionWroteThem() {
        Wording english = Wording.of(null, Branding.named("Fabrikam"));

        assertThat(english.reasons(List.of(LOOKALIKE))).containsExactly(LOOKALIKE.reason());
        assertThat(english.label(RiskLevel.CLEAN)).isEqualTo("Safe");
        assertThat(english.label(RiskLevel.HIGH)).isEqualTo("High risk");
    }

    @Test
    void aTenantOverrideOfAReasonWinsOverTheBundle() {
        Branding branding = new Branding(
                "Fabrikam", null, Map.of("reason.LOOKALIKE_BRAND_DOMAIN@fr", "Adresse trompeuse : {detail}"));

        assertThat(Wording.of(Locale.FRENCH, branding).reasons(List.of(LOOKALIKE)))
                .containsExactly("Adresse trompeuse : contoso.com");
    }

    @Test
    void hostileEvidenceLosesItsBidiOverridesInEveryLanguage() {
        Signal hostile = new Signal("LOOKALIKE_BRAND_DOMAIN", "sender", 40, "imitates", "moc.\u202Elapyap");

        assertThat(Wording.of(Locale.FRENCH, Branding.named("Fabrikam")).reasons(List.of(hostile)))
                .singleElement()
                .asString()
                .doesNotContain("\u202E");
    }

    @Test
    void everyLanguageHasEveryPageText() {
        List<String> keys = List.of(
                "page.title",
                "page.live",
                "page.report",
                "page.trust",
                "page.reported",
                "page.trusted",
                "page.failed",
                "page.invalid",
                "page.noreasons",
                "page.offline");
        for (Locale locale : List.of(Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN, Locale.forLanguageTag("es"))) {
            Wording wording = Wording.of(locale, Branding.named("Fabrikam"));
            assertThat(wording.languageTag()).isEqualTo(locale.getLanguage());
            for (String key : keys) {
                String text = wording.text(key);
                assertThat(text).as(locale + " " + key).isNotBlank();
                if (!locale.equals(Locale.ENGLISH)) {
                    assertThat(text)
                            .as(locale + " " + key + " is translated")
                            .isNotEqualTo(Wording.of(Locale.ENGLISH, Branding.named("Fabrikam"))
                                    .text(key));
                }
            }
        }
    }
}
