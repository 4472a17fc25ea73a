package io.palisade.banners.render;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An sRGB colour written {@code #RRGGBB}, with the WCAG 2 relative luminance and contrast ratio.
 *
 * @param rgb the colour as 0xRRGGBB
 */
public record Colour(int rgb) {
    /** WCAG 2 level AA for normal text. */
    public static final double AA_NORMAL_TEXT = 4.5;

    private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}");

    public Colour {
        if (rgb < 0 || rgb > 0xFFFFFF) {
            throw new IllegalArgumentException("not a 24-bit colour: " + rgb);
        }
    }

    /**
     * Parses {@code #RRGGBB}.
     *
     * @throws IllegalArgumentException naming the value if it is not of that form
     */
    public static Colour parse(String hex) {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("colour must be #RRGGBB: " + hex);
        }
        return new Colour(Integer.parseInt(hex.substring(1), 16));
    }

    /** The colour as {@code #RRGGBB} in upper case, as mail clients accept in both CSS and {@code bgcolor}. */
    public String hex() {
        return String.format(Locale.ROOT, "#%06X", rgb);
    }

    /** WCAG 2 relative luminance, 0 (black) to 1 (white). */
    public double luminance() {
        return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
    }

    /** WCAG 2 contrast ratio with another colour, 1 to 21, the same either way round. */
    public double contrastWith(Colour other) {
        double a = luminance();
        double b = other.luminance();
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    private static double channel(int value) {
        double c = (value & 0xFF) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    @Override
    public String toString() {
        return hex();
    }
}
