package io.palisade.banners.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.palisade.detection.api.RiskLevel;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ContrastTest {

    @Test
    void contrastRatioFollowsWcagFormula() {
        Colour black = Colour.parse("#000000");
        Colour white = Colour.parse("#FFFFFF");

        assertThat(black.contrastWith(white)).isCloseTo(21.0, within(1e-9));
        assertThat(white.contrastWith(white)).isCloseTo(1.0, within(1e-9));
        // #767676 on white is the well-known lightest grey that still passes AA (4.54:1).
        assertThat(Colour.parse("#767676").contrastWith(white)).isCloseTo(4.54, within(0.01));
        assertThat(Colour.parse("#777777").contrastWith(white)).isLessThan(Colour.AA_NORMAL_TEXT);
    }

    @ParameterizedTest
    @EnumSource(value = RiskLevel.class, names = "CLEAN", mode = EnumSource.Mode.EXCLUDE)
    void everyTextColourOfEveryLevelMeetsWcagAa(RiskLevel level) {
        LevelStyle style = LevelStyle.of(level);

        for (Colour[] pair : style.textPairs()) {
            assertThat(pair[0].contrastWith(pair[1]))
                    .as("%s: %s on %s", level, pair[0], pair[1])
                    .isGreaterThanOrEqualTo(Colour.AA_NORMAL_TEXT);
        }
    }

    @Test
    void levelsDifferInColourButAlsoInTheirWords() {
        assertThat(LevelStyle.all()).extracting(LevelStyle::background).doesNotHaveDuplicates();
        assertThat(LevelStyle.all()).extracting(LevelStyle::level).doesNotContain(RiskLevel.CLEAN);
    }

    @Test
    void acceptsAnAccentColourReadableOnEveryLevel() {
        Branding branding = new Branding("Contoso", Colour.parse("#1F3A5F"), Map.of());

        assertThat(branding.accent().hex()).isEqualTo("#1F3A5F");
    }

    @Test
    void rejectsAnAccentColourThatFailsAaOnSomeLevel() {
        assertThatThrownBy(() -> new Branding("Contoso", Colour.parse("#FFB000"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("#FFB000")
                .hasMessageContaining("4.5:1");
        // Mid grey passes on white but not on every tinted banner background.
        assertThatThrownBy(() -> new Branding("Contoso", Colour.parse("#767676"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsColoursThatAreNotHexTriplets() {
        assertThatThrownBy(() -> Colour.parse("red")).hasMessageContaining("red");
        assertThatThrownBy(() -> Colour.parse("#FFF")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Colour.parse("#12345G")).isInstanceOf(IllegalArgumentException.class);
    }
}
