package io.palisade.simulator.traffic;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Generates the people of a simulated directory from fixed name lists: the same count gives the same people. */
final class PeopleNames {

    private static final List<String> FIRST = List.of(
            "Amelia", "Jonas", "Zoë", "Mateo", "Priya", "Lukas", "Chloé", "Kenji", "Fatima", "Oliver", "Ingrid",
            "Rafael", "Siobhán", "Tomasz", "Aisha", "Erik", "Lucía", "Noah", "Mei", "Björn", "Hannah", "Dmitri",
            "Élodie", "Samuel", "Yara", "Marco", "Greta", "Ravi", "Nora", "Andrés", "Leila", "Finn");
    private static final List<String> LAST = List.of(
            "Schmidt",
            "Okafor",
            "Müller",
            "García",
            "Nakamura",
            "Dubois",
            "Kowalski",
            "Novák",
            "Lindqvist",
            "Hernández",
            "O'Brien",
            "Rossi",
            "Jensen",
            "Patel",
            "Øverby",
            "Fischer",
            "Moreau",
            "Chen",
            "Brennan",
            "Silva",
            "Horváth",
            "Weiß",
            "Costa",
            "Yılmaz",
            "Anderson",
            "Petrović",
            "Haddad",
            "Kim");

    private PeopleNames() {}

    static List<Mailbox> mailboxes(String domain, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        List<Mailbox> result = new ArrayList<>(count);
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String first = FIRST.get(i % FIRST.size());
            String last = LAST.get((i * 7 + i / FIRST.size()) % LAST.size());
            String local = uniqueLocalPart(ascii(first) + "." + ascii(last), taken);
            result.add(new Mailbox(local + "@" + domain, first + " " + last));
        }
        return result;
    }

    private static String uniqueLocalPart(String base, Set<String> taken) {
        String candidate = base;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = base + n;
        }
        return candidate;
    }

    /** Folds a name to the letters an address may carry: accents dropped, apostrophes removed. */
    static String ascii(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        folded = folded.replace("ø", "o").replace("Ø", "O").replace("ß", "ss").replace("ı", "i");
        return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
