package io.palisade.detection.score;

import io.palisade.detection.config.ResourceFile;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * Every signal the scanner knows, with its weight, group and reason, and the caps of the groups. Immutable and
 * thread-safe. Loaded from {@code signals/*.yaml} (one file per detection layer) by {@link SignalCatalogueLoader}.
 */
public final class SignalCatalogue {

    private final SortedMap<String, SignalDefinition> signals;
    private final SortedMap<String, Double> groupCaps;
    private final List<SignalDefinition> composites;
    private final String version;

    SignalCatalogue(SortedMap<String, SignalDefinition> signals, SortedMap<String, Double> groupCaps, String version) {
        this.signals = signals;
        this.groupCaps = groupCaps;
        this.composites =
                signals.values().stream().filter(SignalDefinition::composite).toList();
        this.version = Objects.requireNonNull(version, "version");
    }

    /** The catalogue on the classpath, {@code signals/*.yaml}; fails with the file and problem when invalid. */
    public static SignalCatalogue fromClasspath() {
        return SignalCatalogueLoader.fromClasspath();
    }

    /** A catalogue from these files; fails with the file and problem when invalid. */
    public static SignalCatalogue of(Collection<ResourceFile> files) {
        return SignalCatalogueLoader.load(List.copyOf(files));
    }

    /** The definition of a signal, or empty when the catalogue does not list it. */
    public Optional<SignalDefinition> find(String name) {
        return Optional.ofNullable(signals.get(name));
    }

    /** Whether the catalogue lists this signal. */
    public boolean contains(String name) {
        return signals.containsKey(name);
    }

    /** The cap of a group, or empty when the group is unknown. */
    public Optional<Double> groupCap(String group) {
        return Optional.ofNullable(groupCaps.get(group));
    }

    /** Every signal name, sorted. */
    public Set<String> names() {
        return signals.keySet();
    }

    /** Every group and its cap, sorted by group. */
    public Map<String, Double> groups() {
        return groupCaps;
    }

    /** The composites, sorted by name: the order in which they are applied. */
    public List<SignalDefinition> composites() {
        return composites;
    }

    /** A content hash of the files it was loaded from. */
    public String version() {
        return version;
    }
}
