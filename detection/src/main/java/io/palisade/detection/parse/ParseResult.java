package io.palisade.detection.parse;

import io.palisade.detection.model.ParsedMessage;
import java.util.List;
import java.util.Objects;

/**
 * A parsed input and what the parser had to guess or cut on the way.
 *
 * @param message the parsed message, never null (possibly empty for unreadable input)
 * @param issues the issues in the order found, never null
 */
public record ParseResult(ParsedMessage message, List<ParseIssue> issues) {
    public ParseResult {
        Objects.requireNonNull(message, "message");
        issues = List.copyOf(issues);
    }
}
