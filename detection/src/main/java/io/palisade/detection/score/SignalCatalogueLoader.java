package io.palisade.detection.score;

import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.config.ConfigException;
import io.palisade.detection.config.ConfigMap;
import io.palisade.detection.config.ResourceFile;
import io.palisade.detection.config.ResourceFolder;
import io.palisade.detection.config.YamlDocuments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Reads and checks the signal catalogue files; collects every problem and reports them together. */
final class SignalCatalogueLoader {

    static final String FOLDER = "signals";
    private static final Set<String> FILE_KEYS = Set.of("groups", "signals");
    private static final Set<String> GROUP_KEYS = Set.of("cap", "description");
    private static final Set<String> SIGNAL_KEYS =
            Set.of("description", "reason", "weight", "group", "forces", "replaces");
    private static final double MAX_WEIGHT = 100;

    private final TreeMap<String, SignalDefinition> signals = new TreeMap<>();
    private final TreeMap<String, Double> caps = new TreeMap<>();
    private final Map<String, String> definedIn = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    private SignalCatalogueLoader() {}

    static SignalCatalogue fromClasspath() {
        ClassLoader loader = SignalCatalogueLoader.class.getClassLoader();
        List<ResourceFile> files = ResourceFolder.fromClasspath(loader, FOLDER, ".yaml");
        if (files.isEmpty()) {
            throw new ConfigException("no signal catalogue files found under " + FOLDER + "/ on the classpath");
        }
        return load(files);
    }

    static SignalCatalogue load(List<ResourceFile> files) {
        SignalCatalogueLoader loader = new SignalCatalogueLoader();
        List<ConfigMap> signalEntries = new ArrayList<>();
        for (ResourceFile file : files) {
            loader.guard(() -> signalEntries.addAll(loader.readFile(file)));
        }
        for (ConfigMap entry : signalEntries) {
            loader.guard(() -> loader.readSignal(entry));
        }
        loader.checkComposites();
        if (!loader.problems.isEmpty()) {
            throw new ConfigException("invalid signal catalogue:\n  " + String.join("\n  ", loader.problems));
        }
        return new SignalCatalogue(loader.signals, loader.caps, ResourceFile.contentHash(files));
    }

    private List<ConfigMap> readFile(ResourceFile file) {
        ConfigMap root = new ConfigMap(YamlDocuments.mapping(file), file.path()).allowOnly(FILE_KEYS);
        ConfigMap groups = new ConfigMap(root.mapping("groups"), file.path() + ": groups");
        for (String group : groups.values().keySet()) {
            ConfigMap groupMap = new ConfigMap(groups.mapping(group), file.path() + ": group " + group);
            guard(() -> addGroup(group, groupMap.allowOnly(GROUP_KEYS), file.path()));
        }
        List<ConfigMap> entries = new ArrayList<>();
        Object declared = root.values().get("signals");
        if (declared instanceof List<?> list) {
            // A list of entries, each naming itself: the form the analyzer layers' files use.
            for (Object value : list) {
                if (value instanceof Map<?, ?> entry && entry.get("name") instanceof String name) {
                    addEntry(entries, file, name, entry);
                } else {
                    problems.add(file.path() + ": every entry under 'signals' needs a name");
                }
            }
        } else {
            root.mapping("signals").forEach((name, value) -> addEntry(entries, file, name, value));
        }
        return entries;
    }

    private void addEntry(List<ConfigMap> entries, ResourceFile file, String name, Object value) {
        if (!(value instanceof Map<?, ?>)) {
            problems.add(file.path() + ": signal " + name + " must be a mapping");
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = new HashMap<>((Map<String, Object>) value);
        fields.remove("name");
        fields.put("$name", name);
        entries.add(new ConfigMap(fields, file.path() + ": signal " + name));
    }

    private void addGroup(String group, ConfigMap map, String path) {
        double cap = map.number("cap");
        if (cap <= 0 || cap > MAX_WEIGHT) {
            throw map.error("cap must be above 0 and at most 100: " + cap);
        }
        Double previous = caps.putIfAbsent(group, cap);
        if (previous != null && previous != cap) {
            throw map.error("group already declared with cap " + previous + " in " + definedIn.get("group " + group));
        }
        definedIn.putIfAbsent("group " + group, path);
    }

    private void readSignal(ConfigMap raw) {
        String name = (String) raw.values().get("$name");
        Map<String, Object> fields = new HashMap<>(raw.values());
        fields.remove("$name");
        ConfigMap map = new ConfigMap(fields, raw.where()).allowOnly(SIGNAL_KEYS);
        if (!SignalDefinition.NAME.matcher(name).matches()) {
            throw map.error("name must be UPPER_SNAKE");
        }
        String description = map.string("description");
        if (description.contains("\n")) {
            throw map.error("description must be one line");
        }
        double weight = map.number("weight");
        if (Math.abs(weight) > MAX_WEIGHT) {
            throw map.error("weight must be between -100 and 100: " + weight);
        }
        String group = map.string("group");
        if (!caps.containsKey(group)) {
            throw map.error("unknown group '" + group + "'; declare it under 'groups' with a cap");
        }
        SignalDefinition definition = new SignalDefinition(
                name, description, map.string("reason"), weight, group, forces(map), map.strings("replaces"));
        String where = raw.where().substring(0, raw.where().indexOf(':'));
        String first = definedIn.putIfAbsent(name, where);
        if (first != null) {
            throw map.error("defined twice, also in " + first);
        }
        signals.put(name, definition);
    }

    private static Optional<RiskLevel> forces(ConfigMap map) {
        Optional<String> level = map.optionalString("forces");
        if (level.isEmpty()) {
            return Optional.empty();
        }
        try {
            RiskLevel forced = RiskLevel.valueOf(level.get().toUpperCase(Locale.ROOT));
            if (forced == RiskLevel.CLEAN) {
                throw map.error("forces must raise the level; CLEAN cannot be forced");
            }
            return Optional.of(forced);
        } catch (IllegalArgumentException e) {
            throw map.error("forces must be one of LOW, SUSPICIOUS, HIGH, MALICIOUS: " + level.get());
        }
    }

    private void checkComposites() {
        for (SignalDefinition signal : signals.values()) {
            for (String part : signal.replaces()) {
                if (part.equals(signal.name())) {
                    problems.add(definedIn.get(signal.name()) + ": signal " + signal.name() + " replaces itself");
                } else if (!signals.containsKey(part)) {
                    problems.add(definedIn.get(signal.name()) + ": signal " + signal.name()
                            + " replaces unknown signal " + part);
                }
            }
            if (signal.replaces().size() == 1) {
                problems.add(definedIn.get(signal.name()) + ": signal " + signal.name()
                        + " is a composite of one signal; a composite needs two or more");
            }
        }
    }

    private void guard(Runnable step) {
        try {
            step.run();
        } catch (ConfigException e) {
            problems.add(e.getMessage());
        }
    }
}
