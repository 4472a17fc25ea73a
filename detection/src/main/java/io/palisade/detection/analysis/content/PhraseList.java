package io.palisade.detection.analysis.content;

import io.palisade.detection.analysis.ResourceLists;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A list of phrases matched as whole words on tokenised text, indexed by first word so that a scan costs one map
 * lookup per word. A phrase word {@code *} matches any one word. Immutable and thread-safe.
 */
final class PhraseList {
    private static final String ANY = "*";

    private final Map<String, List<String[]>> byFirstWord;

    private PhraseList(Map<String, List<String[]>> byFirstWord) {
        this.byFirstWord = byFirstWord;
    }

    /** Loads a list from the class path; phrases are normalised like the text they are matched against. */
    static PhraseList load(String resource) {
        Map<String, List<String[]>> index = new HashMap<>();
        for (String line : ResourceLists.lines(resource)) {
            String[] words = Texts.words(line).toArray(String[]::new);
            if (words.length == 0 || words[0].equals(ANY)) {
                throw new IllegalStateException(resource + ": a phrase must start with a word: " + line);
            }
            index.computeIfAbsent(words[0], w -> new ArrayList<>()).add(words);
        }
        index.replaceAll((word, phrases) -> List.copyOf(phrases));
        return new PhraseList(Map.copyOf(index));
    }

    /** The first phrase found in the words, joined by spaces, or empty. */
    Optional<String> firstMatch(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            List<String[]> candidates = byFirstWord.get(words.get(i));
            if (candidates == null) {
                continue;
            }
            for (String[] phrase : candidates) {
                if (matchesAt(words, i, phrase)) {
                    return Optional.of(String.join(" ", phrase));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean matchesAt(List<String> words, int start, String[] phrase) {
        if (start + phrase.length > words.size()) {
            return false;
        }
        for (int j = 1; j < phrase.length; j++) {
            if (!phrase[j].equals(ANY) && !phrase[j].equals(words.get(start + j))) {
                return false;
            }
        }
        return true;
    }
}
