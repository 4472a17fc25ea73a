package io.palisade.detection.rules;

import io.palisade.detection.score.ScoringConfig.Severity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A detection rule as written in its file.
 *
 * @param id the stable id, which survives renames
 * @param name "Category: specifics"
 * @param description what the rule catches and why, for analysts
 * @param severity how much a hit weighs when the catalogue does not list the rule's signal
 * @param tags free labels (e.g. {@code credential-phishing}), never null
 * @param condition the CEL expression, as written
 * @param signal the UPPER_SNAKE signal a hit raises
 * @param reason the end-user sentence when the catalogue does not list the signal; empty to use the description
 * @param beta whether the rule is still being tuned (it still scores; analysts see the mark)
 * @param path the file it was loaded from, e.g. {@code rules/credential-phishing/fake-login-form.yaml}
 */
public record Rule(
        UUID id,
        String name,
        String description,
        Severity severity,
        List<String> tags,
        String condition,
        String signal,
        Optional<String> reason,
        boolean beta,
        String path) {

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(severity, "severity");
        tags = List.copyOf(tags);
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(path, "path");
    }

    /** The category: the folder the rule lives in. */
    public String category() {
        String[] parts = path.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] : "";
    }

    /** The file name without folder and extension, e.g. {@code fake-login-form}. */
    public String fileStem() {
        String file = path.substring(path.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }

    /**
     * The signal name a rule raises by default: its name in UPPER_SNAKE ({@code "Credential phishing: fake login
     * form"} gives {@code CREDENTIAL_PHISHING_FAKE_LOGIN_FORM}).
     */
    public static String signalFromName(String name) {
        String snake = name.toUpperCase(java.util.Locale.ROOT)
                .replaceAll("[^A-Z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        return snake.isEmpty() || Character.isDigit(snake.charAt(0)) ? "RULE_" + snake : snake;
    }
}
