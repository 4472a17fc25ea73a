package io.palisade.simulator.graph;

import io.palisade.simulator.state.ChatMessage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one {@code $filter} the chat-message listings support: a date range on {@code lastModifiedDateTime} with
 * {@code gt} and {@code lt}, e.g. {@code lastModifiedDateTime gt 2020-06-04T18:03:11.591Z and lastModifiedDateTime
 * lt 2020-06-05T21:00:09.413Z}. Anything else is refused with Graph's 400.
 *
 * @param after messages modified strictly after this, or null
 * @param before messages modified strictly before this, or null
 */
record ModifiedFilter(Instant after, Instant before) {

    private static final Pattern CLAUSE =
            Pattern.compile("\\s*lastModifiedDateTime\\s+(gt|lt)\\s+(\\S+)\\s*", Pattern.CASE_INSENSITIVE);

    static ModifiedFilter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return new ModifiedFilter(null, null);
        }
        Instant after = null;
        Instant before = null;
        for (String clause : filter.split("(?i)\\s+and\\s+")) {
            Matcher m = CLAUSE.matcher(clause);
            if (!m.matches()) {
                throw GraphErrors.badRequest("Unsupported filter clause: '" + clause.trim() + "'.");
            }
            Instant at = instant(m.group(2));
            if (m.group(1).toLowerCase(Locale.ROOT).equals("gt")) {
                after = at;
            } else {
                before = at;
            }
        }
        return new ModifiedFilter(after, before);
    }

    List<ChatMessage> apply(List<ChatMessage> messages) {
        return messages.stream()
                .filter(m -> after == null || m.lastModified().isAfter(after))
                .filter(m -> before == null || m.lastModified().isBefore(before))
                .toList();
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text.replace("'", "")).toInstant();
        } catch (DateTimeParseException e) {
            throw GraphErrors.badRequest("Invalid date in filter: '" + text + "'.");
        }
    }
}
