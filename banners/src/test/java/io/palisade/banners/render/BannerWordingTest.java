package io.palisade.banners.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.detection.score.SignalCatalogue;
import io.palisade.detection.score.SignalDefinition;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BannerWordingTest {

    private static final Signal LOOKALIKE = new Signal(
            "LOOKALIKE_BRAND_DOMAIN", "sender", 40, "The sender's domain imitates contoso.com", "contoso.com");
    private static final Signal NO_EVIDENCE = new Signal(
            "FIRST_CONTACT", "sender", 10, "This is the first message your organisation receives from this sender", "");
    // A rule's own signal: the rule pack's signals have no wording of their own in other languages.
    private static final Signal UNTRANSLATED = new Signal(
            "CREDENTIAL_PHISHING_FAKE_LOGIN_PAGE",
            "rules",
            20,
            "The message links to a fake sign-in page",
            "x.example");
    private static final List<Locale> TRANSLATED = List.of(Locale.FRENCH, Locale.GERMAN, Locale.forLanguageTag("es"));

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
    void everySignalOfDetectionsCatalogueHasWordingInEveryLanguage() {
        SignalCatalogue catalogue = SignalCatalogue.fromClasspath();
        for (Locale locale : TRANSLATED) {
            Wording wording = Wording.of(locale, Branding.named("Fabrikam"));
            for (String name : catalogue.names()) {
                SignalDefinition definition = catalogue.find(name).orElseThrow();
                Signal withEvidence = new Signal(name, "g", 10, definition.reasonFor("example.net"), "example.net");

                String said = wording.reasons(List.of(withEvidence)).getFirst();

                assertThat(said).as(locale + " " + name).isNotEqualTo(withEvidence.reason());
                if (definition.reason().contains("{detail}")) {
                    assertThat(said)
                            .as(locale + " " + name + " keeps the evidence")
                            .contains("example.net");
                }
            }
        }
    }

    @Test
    void aSentenceWithoutASlotIsTranslatedWithoutEvidenceToo() {
        Signal noEvidence =
                new Signal("SCAN_FAILED", "engine", 10, "This message could not be checked completely.", "");

        assertThat(Wording.of(Locale.GERMAN, Branding.named("Fabrikam")).reasons(List.of(noEvidence)))
                .containsExactly("Diese Nachricht konnte nicht vollständig geprüft werden.");
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
