package io.palisade.detection.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.palisade.detection.config.ConfigException;
import io.palisade.detection.config.ConfigMap;
import io.palisade.detection.config.ResourceFile;
import io.palisade.detection.config.ResourceFolder;
import io.palisade.detection.config.YamlDocuments;
import io.palisade.detection.model.ParsedMessage;
import io.palisade.detection.score.ScoringConfig.Severity;
import io.palisade.detection.score.SignalDefinition;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads, checks and compiles rule files. Every problem in every file is collected, then all are reported in one
 * error, each naming its file and, where known, the line and column.
 */
final class RuleLoader {

    static final String FOLDER = "rules";
    private static final Set<String> KEYS =
            Set.of("id", "name", "description", "severity", "tags", "condition", "signal", "reason", "beta");
    private static final Pattern NAME = Pattern.compile("[A-Z][^:\\n]*: \\S[^\\n]*");

    private RuleLoader() {}

    static List<ResourceFile> classpathFiles() {
        return ResourceFolder.fromClasspath(RuleLoader.class.getClassLoader(), FOLDER, ".yaml");
    }

    static RuleSet load(List<ResourceFile> files) {
        List<String> problems = new ArrayList<>();
        List<RuleSet.CompiledRule> compiled = new ArrayList<>();
        Map<UUID, String> ids = new HashMap<>();
        for (ResourceFile file : files) {
            try {
                RuleSet.CompiledRule rule = compile(file);
                String other = ids.putIfAbsent(rule.rule().id(), file.path());
                if (other != null) {
                    problems.add(file.path() + ": id " + rule.rule().id() + " is already used by " + other);
                } else {
                    compiled.add(rule);
                }
            } catch (ConfigException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("invalid rules (" + problems.size() + "):\n  " + String.join("\n  ", problems));
        }
        return new RuleSet(compiled, files.isEmpty() ? "none" : ResourceFile.contentHash(files));
    }

    private static RuleSet.CompiledRule compile(ResourceFile file) {
        Map<String, Node> nodes = nodes(file);
        ConfigMap map = new ConfigMap(YamlDocuments.mapping(file), file.path()).allowOnly(KEYS);
        if (file.path().split("/").length < 3) {
            throw map.error("a rule lives in a category folder: rules/<category>/<file>.yaml");
        }
        String name = map.string("name");
        if (!NAME.matcher(name).matches()) {
            throw error(file, nodes, "name", "name must read \"Category: specifics\" on one line: " + name);
        }
        String signal = map.optionalString("signal").orElse(Rule.signalFromName(name));
        if (!SignalDefinition.NAME.matcher(signal).matches()) {
            throw error(file, nodes, "signal", "signal must be UPPER_SNAKE: " + signal);
        }
        Rule rule = new Rule(
                id(file, nodes, map),
                name,
                map.string("description"),
                severity(file, nodes, map),
                map.strings("tags"),
                map.string("condition"),
                signal,
                map.optionalString("reason"),
                map.flag("beta"),
                file.path());
        CelRuntime.Program program = program(file, nodes.get("condition"), rule.condition());
        dryRun(file, nodes, program);
        return new RuleSet.CompiledRule(rule, program);
    }

    private static Map<String, Node> nodes(ResourceFile file) {
        Node root;
        try {
            root = YamlDocuments.newYaml().compose(new StringReader(file.text()));
        } catch (MarkedYAMLException e) {
            throw new ConfigException(file.path() + YamlDocuments.at(e.getProblemMark()) + ": " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new ConfigException(file.path() + ": " + e.getMessage(), e);
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new ConfigException(file.path() + " (line 1, column 1): a rule file is a mapping of fields");
        }
        Map<String, Node> nodes = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                if (!KEYS.contains(key.getValue())) {
                    // Named with its position, so that a misspelt key is easy to find.
                    throw new ConfigException(file.path() + YamlDocuments.at(key.getStartMark()) + ": unknown field '"
                            + key.getValue() + "'; allowed: " + new TreeSet<>(KEYS));
                }
                nodes.put(key.getValue(), tuple.getValueNode());
            }
        }
        return nodes;
    }

    private static UUID id(ResourceFile file, Map<String, Node> nodes, ConfigMap map) {
        String id = map.string("id");
        try {
            UUID uuid = UUID.fromString(id);
            if (!uuid.toString().equalsIgnoreCase(id)) {
                throw new IllegalArgumentException(id);
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw error(file, nodes, "id", "id must be a UUID: " + id);
        }
    }

    private static Severity severity(ResourceFile file, Map<String, Node> nodes, ConfigMap map) {
        String text = map.string("severity");
        return Severity.parse(text)
                .orElseThrow(() ->
                        error(file, nodes, "severity", "severity must be low, medium, high or critical: " + text));
    }

    private static CelRuntime.Program program(ResourceFile file, Node node, String condition) {
        CelValidationResult result = CelEnvironment.COMPILER.compile(condition, file.path());
        if (result.hasError()) {
            CelIssue issue = result.getErrors().getFirst();
            throw new ConfigException(file.path() + ConditionPosition.of(node, condition, issue.getSourceLocation())
                    + ": condition: " + issue.getMessage());
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            if (!ast.getResultType().equals(SimpleType.BOOL)) {
                throw new ConfigException(file.path() + ConditionPosition.of(node, condition, CelSourceLocation.NONE)
                        + ": condition must be true or false, but gives "
                        + ast.getResultType().name());
            }
            var badPattern = RegexLiterals.firstInvalid(ast);
            if (badPattern.isPresent()) {
                throw new ConfigException(file.path()
                        + ConditionPosition.of(node, condition, badPattern.get().location())
                        + ": condition: invalid regular expression: "
                        + badPattern.get().message());
            }
            return CelEnvironment.RUNTIME.createProgram(ast);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new ConfigException(file.path() + ": condition: " + e.getMessage(), e);
        }
    }

    private static void dryRun(ResourceFile file, Map<String, Node> nodes, CelRuntime.Program program) {
        for (ParsedMessage sample : List.of(DryRun.EMPTY, DryRun.FULL)) {
            try {
                program.eval(CelMessageModel.of(
                        sample, DryRun.CONTEXT, sample == DryRun.EMPTY ? List.of() : DryRun.SIGNALS));
            } catch (CelEvaluationException e) {
                String which = sample == DryRun.EMPTY ? "an empty message" : "a message with every field filled";
                throw error(file, nodes, "condition", "condition fails on " + which + ": " + e.getMessage());
            }
        }
    }

    private static ConfigException error(ResourceFile file, Map<String, Node> nodes, String key, String problem) {
        Node node = nodes.get(key);
        String at = node == null ? "" : YamlDocuments.at(node.getStartMark());
        return new ConfigException(file.path() + at + ": " + problem);
    }
}
