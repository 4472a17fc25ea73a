package io.palisade.detection.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the reference lists bundled in the detection jar. Callers load once (in a static field or a constructor),
 * never per scan. A missing list is a packaging error and fails at once.
 */
public final class ResourceLists {
    private ResourceLists() {}

    /**
     * The non-blank, non-comment ({@code #}) lines of a class-path resource, trimmed and lower case.
     *
     * @param resource the class-path resource, e.g. {@code lists/url_shorteners.txt}
     * @return the lines in file order, never null
     * @throws IllegalStateException when the resource is missing
     */
    public static List<String> lines(String resource) {
        List<String> lines = new ArrayList<>();
        try (InputStream in = ResourceLists.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("reference list missing from the class path: " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    lines.add(trimmed.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference list " + resource, e);
        }
        return List.copyOf(lines);
    }

    /** The lines of a resource as an immutable set. */
    public static Set<String> set(String resource) {
        return Set.copyOf(new LinkedHashSet<>(lines(resource)));
    }

    /** Whether {@code host} is one of {@code domains} or a subdomain of one of them. */
    public static boolean matchesDomainOrParent(String host, Set<String> domains) {
        String candidate = host;
        while (true) {
            if (domains.contains(candidate)) {
                return true;
            }
            int dot = candidate.indexOf('.');
            if (dot < 0) {
                return false;
            }
            candidate = candidate.substring(dot + 1);
        }
    }
}
