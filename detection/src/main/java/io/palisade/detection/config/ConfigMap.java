package io.palisade.detection.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, checked access to one YAML mapping; every error names the file and the entry ({@code where}).
 *
 * @param values the mapping as loaded
 * @param where the file and entry for error messages, e.g. {@code signals/url.yaml: signal IP_HOST}
 */
public record ConfigMap(Map<String, Object> values, String where) {

    /** Refuses keys outside {@code allowed}: a misspelt optional key must not be ignored quietly. */
    public ConfigMap allowOnly(Set<String> allowed) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw error("unknown field(s) " + unknown + "; allowed: " + new TreeSet<>(allowed));
        }
        return this;
    }

    /** A required non-blank string. */
    public String string(String key) {
        return optionalString(key).orElseThrow(() -> error("missing field '" + key + "'"));
    }

    /** An optional string; blank counts as missing. */
    public Optional<String> optionalString(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof List) {
            throw error("field '" + key + "' must be text");
        }
        String text = value.toString().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** A required number. */
    public double number(String key) {
        Object value = values.get(key);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw error(value == null ? "missing field '" + key + "'" : "field '" + key + "' must be a number");
    }

    /** An optional boolean, false when missing. */
    public boolean flag(String key) {
        Object value = values.get(key);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        throw error("field '" + key + "' must be true or false");
    }

    /** An optional list of strings, empty when missing. */
    public List<String> strings(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String)) {
            return list.stream().map(v -> ((String) v).strip()).toList();
        }
        throw error("field '" + key + "' must be a list of text");
    }

    /** A nested mapping, empty when missing. */
    public Map<String, Object> mapping(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) map;
            return typed;
        }
        throw error("field '" + key + "' must be a mapping");
    }

    /** A nested mapping as a checked map, with {@code where} extended by {@code name}. */
    public ConfigMap child(String key, String name) {
        Object value = values.get(key);
        if (value instanceof Map<?, ?>) {
            return new ConfigMap(mapping(key), where + " " + name);
        }
        throw error(name + " must be a mapping");
    }

    /** An error about this mapping. */
    public ConfigException error(String problem) {
        return new ConfigException(where + ": " + problem);
    }
}
