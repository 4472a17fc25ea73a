package io.palisade.detection.score;

import java.util.Objects;

/**
 * A signal that fired in one scan, resolved to its definition.
 *
 * @param definition the signal's definition (from the catalogue, or made for an uncatalogued rule), never null
 * @param detail the detail for the reason's slot and the analyst's evidence, never null
 */
public record Hit(SignalDefinition definition, String detail) {
    public Hit {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(detail, "detail");
    }

    public String name() {
        return definition.name();
    }
}
