package io.palisade.banners.render;

import io.palisade.detection.api.RiskLevel;
import java.util.List;

/**
 * The colours of each banner level. Every pair drawn as text on a background meets WCAG AA (4.5:1); the level
 * is also named in words (the label), so colour never carries it alone.
 *
 * @param level the level, never CLEAN
 * @param background the banner's background
 * @param text body text on {@code background}
 * @param muted the footer's text on {@code background}
 * @param strong the side stripe, the link colour on {@code background}, and the label's background
 * @param onStrong the label's text on {@code strong}
 */
public record LevelStyle(
        RiskLevel level, Colour background, Colour text, Colour muted, Colour strong, Colour onStrong) {

    private static final Colour INK = Colour.parse("#1A1A1A");
    private static final Colour GREY = Colour.parse("#3D3D3D");
    private static final Colour WHITE = Colour.parse("#FFFFFF");

    private static final List<LevelStyle> ALL = List.of(
            of(RiskLevel.LOW, "#EAF2FB", "#0B5394"),
            of(RiskLevel.SUSPICIOUS, "#FFF4D6", "#7A4500"),
            of(RiskLevel.HIGH, "#FDEBE3", "#A8321B"),
            of(RiskLevel.MALICIOUS, "#FBE3E6", "#8A0015"));

    /**
     * The style of a banner level.
     *
     * @throws IllegalArgumentException for CLEAN, which has no banner
     */
    public static LevelStyle of(RiskLevel level) {
        return ALL.stream()
                .filter(style -> style.level == level)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no banner for level " + level));
    }

    /** Every banner level's style, lowest level first. */
    public static List<LevelStyle> all() {
        return ALL;
    }

    /** The pairs drawn as text on a background: {text, background}. */
    public List<Colour[]> textPairs() {
        return List.of(
                new Colour[] {text, background},
                new Colour[] {muted, background},
                new Colour[] {strong, background},
                new Colour[] {onStrong, strong});
    }

    private static LevelStyle of(RiskLevel level, String background, String strong) {
        return new LevelStyle(level, Colour.parse(background), INK, GREY, Colour.parse(strong), WHITE);
    }
}
