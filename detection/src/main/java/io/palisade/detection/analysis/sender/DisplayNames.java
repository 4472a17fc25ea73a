package io.palisade.detection.analysis.sender;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Normalises display names so that {@code "Smith, John (CEO)"} and {@code "john smith"} compare equal. */
public final class DisplayNames {
    private static final Pattern BRACKETED = Pattern.compile("[(\\[<{][^)\\]>}]*[)\\]>}]");
    private static final Pattern NOT_LETTER = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");
    private static final Pattern QUOTES = Pattern.compile("[\"']");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@([\\w-]+(?:\\.[\\w-]+)+)");

    private DisplayNames() {}

    /**
     * The comparison form: NFKC, lower case, bracketed parts dropped, "Last, First" turned round, punctuation to
     * single spaces, then the confusables skeleton so that look-alike letters match.
     */
    public static String normalize(String displayName) {
        String text = Normalizer.normalize(displayName, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        text = BRACKETED.matcher(text).replaceAll(" ");
        String[] lastFirst = text.split(",");
        if (lastFirst.length == 2 && !lastFirst[0].isBlank() && !lastFirst[1].isBlank()) {
            text = lastFirst[1] + " " + lastFirst[0];
        }
        String words = NOT_LETTER.matcher(text).replaceAll(" ").strip();
        return Confusables.skeleton(words);
    }

    /** Whether the normalised name contains the normalised {@code wanted} as whole words. */
    public static boolean containsName(String normalizedName, String normalizedWanted) {
        return !normalizedWanted.isEmpty() && (" " + normalizedName + " ").contains(" " + normalizedWanted + " ");
    }

    /** The forms of a display name to probe a tenant's directory with: as written, tidied, and turned round. */
    public static List<String> directoryForms(String displayName) {
        String tidy = SPACES.matcher(QUOTES.matcher(displayName).replaceAll(""))
                .replaceAll(" ")
                .strip();
        List<String> forms = new ArrayList<>(List.of(displayName, tidy));
        String[] lastFirst = tidy.split(",");
        if (lastFirst.length == 2) {
            forms.add(lastFirst[1].strip() + " " + lastFirst[0].strip());
        }
        return forms;
    }

    /** The domains of e-mail addresses written inside a display name, e.g. {@code "ceo@contoso.com"}. */
    public static List<String> embeddedAddressDomains(String displayName) {
        return EMAIL.matcher(displayName)
                .results()
                .map(m -> m.group(1).toLowerCase(Locale.ROOT))
                .toList();
    }
}
