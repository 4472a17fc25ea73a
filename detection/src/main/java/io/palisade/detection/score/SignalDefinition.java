package io.palisade.detection.score;

import io.palisade.detection.api.RiskLevel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A signal as the catalogue defines it.
 *
 * @param name UPPER_SNAKE name, never null
 * @param description one line for analysts, never null
 * @param reason the sentence end users read, with an optional {@code {detail}} slot, never null
 * @param weight points added to the signal's group; negative weights lower the score (allow lists)
 * @param group the group whose cap applies, never null
 * @param forces the level this signal forces at least, for high-confidence signals; empty for none
 * @param replaces for a composite, the signals that must all fire for it to fire, and that it then replaces;
 *     empty for an ordinary signal
 */
public record SignalDefinition(
        String name,
        String description,
        String reason,
        double weight,
        String group,
        Optional<RiskLevel> forces,
        List<String> replaces) {

    /** The shape of a signal name. */
    public static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*");

    private static final String DETAIL_SLOT = "{detail}";

    public SignalDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(forces, "forces");
        replaces = List.copyOf(replaces);
    }

    /** Whether this signal is a composite of others. */
    public boolean composite() {
        return !replaces.isEmpty();
    }

    /** The end-user reason with the detail filled in; a missing detail leaves no gap behind. */
    public String reasonFor(String detail) {
        if (!reason.contains(DETAIL_SLOT)) {
            return reason;
        }
        String filled = reason.replace(DETAIL_SLOT, detail == null ? "" : detail);
        return filled.replaceAll(" {2,}", " ")
                .replace(" .", ".")
                .replace(" :", ":")
                .strip();
    }
}
