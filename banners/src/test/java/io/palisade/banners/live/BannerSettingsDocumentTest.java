package io.palisade.banners.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a tenant may set for its banners, and the sentence each refusal gives. */
class BannerSettingsDocumentTest {

    @Test
    void acceptsReadableColoursKnownKeysAndSupportedLanguages() {
        BannerSettingsDocument document = new BannerSettingsDocument(
                "Fabrikam IT Security",
                "#1A3D6B",
                "fr-CA",
                Map.of(
                        "level.HIGH.headline", "Do not trust this message.",
                        "footer@de", "Sicherheitshinweis von {name}",
                        "reason.DMARC_FAIL@fr", "Le domaine {detail} ne confirme pas l’expéditeur",
                        "reason.FIRST_CONTACT.plain", "First message from this sender"));

        assertThat(document.problems()).isEmpty();
    }

    @Test
    void theDefaultsHaveNoProblems() {
        assertThat(BannerSettingsDocument.defaults().problems()).isEmpty();
    }

    @Test
    void refusesAnAccentThatFailsAaContrastNamingTheLevel() {
        assertThat(new BannerSettingsDocument(null, "#9E9E9E", null, null).problems())
                .singleElement()
                .asString()
                .contains("#9E9E9E")
                .contains("WCAG AA needs 4.5:1")
                .containsPattern("on the [A-Z]+ background");
    }

    @Test
    void refusesAnAccentThatIsNotHex() {
        assertThat(new BannerSettingsDocument(null, "navy", null, null).problems())
                .containsExactly("colour must be #RRGGBB: navy");
    }

    @Test
    void refusesALanguageWithoutWordingAndAMalformedTag() {
        assertThat(new BannerSettingsDocument(null, null, "fi", null).problems())
                .singleElement()
                .asString()
                .contains("no wording in 'fi'")
                .contains("de, en, es, fr");
        assertThat(new BannerSettingsDocument(null, null, "en_US!", null).problems())
                .singleElement()
                .asString()
                .contains("not a BCP 47 language tag");
    }

    @Test
    void refusesUnknownKeysForeignPlaceholdersAndEmptyOrControlText() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("level.HIGH.headlin", "typo");
        overrides.put("footer", "From {organisation}");
        overrides.put("reason.DMARC_FAIL.plain", "Fails for {detail}");
        overrides.put("page.report@it", "Segnala");
        overrides.put("page.trust", "  ");
        overrides.put("page.live", "two\nlines");

        assertThat(new BannerSettingsDocument(null, null, null, overrides).problems())
                .anySatisfy(p -> assertThat(p).contains("'level.HIGH.headlin' names no banner text"))
                .anySatisfy(p -> assertThat(p).contains("uses {organisation}; this text can use {name}"))
                .anySatisfy(p -> assertThat(p).contains("uses {detail}; this text can use no placeholder"))
                .anySatisfy(p -> assertThat(p).contains("no wording in 'it'"))
                .anySatisfy(p -> assertThat(p).contains("'page.trust' is empty"))
                .anySatisfy(p -> assertThat(p).contains("'page.live' contains control"))
                .hasSize(6);
    }

    @Test
    void refusesABlankOrOverlongDisplayName() {
        assertThat(new BannerSettingsDocument(" ", null, null, null).problems()).hasSize(1);
        assertThat(new BannerSettingsDocument("x".repeat(201), null, null, null).problems())
                .hasSize(1);
    }

    @Test
    void refusesTooManyOverrides() {
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i <= BannerSettingsDocument.MAX_OVERRIDES; i++) {
            overrides.put("reason.SIGNAL_" + i, "text");
        }

        assertThat(new BannerSettingsDocument(null, null, null, overrides).problems())
                .containsExactly("201 wording overrides; at most 200");
    }
}
