package io.palisade.detection.api;

import java.util.Objects;

/**
 * One finding that contributed to a verdict.
 *
 * @param name UPPER_SNAKE name, stable across releases (e.g. {@code DISPLAY_NAME_IMPERSONATION})
 * @param group the group whose cap applies (e.g. {@code sender}, {@code url})
 * @param weight the points this signal added after caps, 0 to 100
 * @param reason a plain-language sentence for end users and banners, never null
 * @param evidence a short technical detail for analysts (a domain, a rule id), never a message body; may be empty
 */
public record Signal(String name, String group, double weight, String reason, String evidence) {
    public Signal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(evidence, "evidence");
    }
}
