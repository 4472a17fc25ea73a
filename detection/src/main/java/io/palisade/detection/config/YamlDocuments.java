package io.palisade.detection.config;

import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads configuration YAML safely (plain maps, lists and scalars; no object construction). */
public final class YamlDocuments {

    private static final int MAX_CONFIG_CHARS = 1024 * 1024;

    private YamlDocuments() {}

    /**
     * The top-level mapping of a YAML file.
     *
     * @throws ConfigException naming the file and the line and column of a syntax error, or saying the file is not
     *     a mapping
     */
    public static Map<String, Object> mapping(ResourceFile file) {
        Object document;
        try {
            document = newYaml().load(file.text());
        } catch (MarkedYAMLException e) {
            throw new ConfigException(file.path() + at(e.getProblemMark()) + ": " + firstLine(e.getProblem()), e);
        } catch (YAMLException e) {
            throw new ConfigException(file.path() + ": " + firstLine(e.getMessage()), e);
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new ConfigException(file.path() + ": expected a mapping at the top level");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return typed;
    }

    /** A new parser; SnakeYAML instances are not thread-safe, so each load takes its own. */
    public static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CONFIG_CHARS);
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        return new Yaml(new SafeConstructor(options));
    }

    /** " (line L, column C)" for a mark, 1-based. */
    public static String at(Mark mark) {
        return mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid YAML";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
