package io.palisade.detection.score;

import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.config.ConfigException;
import io.palisade.detection.config.ConfigMap;
import io.palisade.detection.config.ResourceFile;
import io.palisade.detection.config.YamlDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The score thresholds of the risk levels and what a rule hit of each severity weighs. Loaded from
 * {@code detection-scoring.yaml}. Immutable.
 *
 * @param thresholds the lowest score of LOW, SUSPICIOUS, HIGH and MALICIOUS, rising; CLEAN is everything below
 * @param severities what a rule hit of each severity adds, for rule signals the catalogue does not list
 * @param ruleGroup the group of rule signals the catalogue does not list
 * @param version a content hash of the file
 */
public record ScoringConfig(
        Map<RiskLevel, Integer> thresholds, Map<Severity, SeverityScore> severities, String ruleGroup, String version) {

    /** The classpath resource read by {@link #fromClasspath()}. */
    public static final String RESOURCE = "detection-scoring.yaml";

    public ScoringConfig {
        thresholds = Map.copyOf(thresholds);
        severities = Map.copyOf(severities);
        Objects.requireNonNull(ruleGroup, "ruleGroup");
        Objects.requireNonNull(version, "version");
    }

    /** The severities of rules. */
    public enum Severity {
        LOW,
        MEDIUM,
        HIGH,
        CRITICAL;

        /** The severity written in lower case in a rule file, or empty when unknown. */
        public static Optional<Severity> parse(String text) {
            for (Severity severity : values()) {
                if (severity.name().equalsIgnoreCase(text)) {
                    return Optional.of(severity);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * What a rule hit of one severity weighs.
     *
     * @param weight points added to the rule group
     * @param forces the level forced at least, or empty
     */
    public record SeverityScore(double weight, Optional<RiskLevel> forces) {}

    /** The level of a score, before forcing. */
    public RiskLevel levelOf(int score) {
        RiskLevel level = RiskLevel.CLEAN;
        for (RiskLevel candidate : RiskLevel.values()) {
            Integer threshold = thresholds.get(candidate);
            if (threshold != null && score >= threshold) {
                level = candidate;
            }
        }
        return level;
    }

    /** The lowest score of a level; 0 for CLEAN. */
    public int thresholdOf(RiskLevel level) {
        return thresholds.getOrDefault(level, 0);
    }

    /** Reads {@value #RESOURCE} from the classpath. */
    public static ScoringConfig fromClasspath() {
        try (InputStream in = ScoringConfig.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ConfigException(RESOURCE + " is missing from the classpath");
            }
            return of(new ResourceFile(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Reads a scoring file; fails naming the file and the problem. */
    public static ScoringConfig of(ResourceFile file) {
        ConfigMap root = new ConfigMap(YamlDocuments.mapping(file), file.path())
                .allowOnly(Set.of("thresholds", "severities", "rule_group"));
        return new ScoringConfig(
                thresholds(new ConfigMap(root.mapping("thresholds"), file.path() + ": thresholds")),
                severities(new ConfigMap(root.mapping("severities"), file.path() + ": severities")),
                root.string("rule_group"),
                ResourceFile.contentHash(List.of(file)));
    }

    private static Map<RiskLevel, Integer> thresholds(ConfigMap map) {
        map.allowOnly(Set.of("low", "suspicious", "high", "malicious"));
        Map<RiskLevel, Integer> result = new EnumMap<>(RiskLevel.class);
        int previous = 0;
        for (RiskLevel level : RiskLevel.values()) {
            if (level == RiskLevel.CLEAN) {
                continue;
            }
            int threshold = (int) map.number(level.name().toLowerCase(Locale.ROOT));
            if (threshold <= previous || threshold > 100) {
                throw map.error("thresholds must rise from above 0 to at most 100; " + level + " is " + threshold);
            }
            result.put(level, threshold);
            previous = threshold;
        }
        return result;
    }

    private static Map<Severity, SeverityScore> severities(ConfigMap map) {
        map.allowOnly(Set.of("low", "medium", "high", "critical"));
        Map<Severity, SeverityScore> result = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            String key = severity.name().toLowerCase(Locale.ROOT);
            ConfigMap entry =
                    new ConfigMap(map.mapping(key), map.where() + " " + key).allowOnly(Set.of("weight", "forces"));
            Optional<RiskLevel> forces = entry.optionalString("forces").map(text -> level(entry, text));
            result.put(severity, new SeverityScore(entry.number("weight"), forces));
        }
        return result;
    }

    private static RiskLevel level(ConfigMap map, String text) {
        try {
            return RiskLevel.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw map.error("unknown level " + text);
        }
    }
}
