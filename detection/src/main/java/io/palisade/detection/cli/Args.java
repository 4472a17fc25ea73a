package io.palisade.detection.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Command-line arguments: {@code --name value} options from a known set, and positional arguments. */
final class Args {
    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();

    Args(List<String> args, Set<String> known) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name + "; known: " + known);
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
                options.put(name, args.get(++i));
            } else {
                positional.add(arg);
            }
        }
    }

    List<String> positional() {
        return List.copyOf(positional);
    }

    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    int intOption(String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0) {
                throw new IllegalArgumentException("option --" + name + " must not be negative: " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + " needs a number, not " + value, e);
        }
    }

    /** A comma-separated option as a sorted set; empty when absent. */
    Set<String> setOption(String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Collections.unmodifiableSet(new TreeSet<>(Arrays.asList(value.split(","))));
    }
}
