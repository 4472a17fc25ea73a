package io.palisade.simulator.graph;

import io.palisade.simulator.state.StoredMessage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Compiles the {@code $filter} expressions Graph accepts on messages that Palisade and its tests use:
 * comparisons of one property with a literal ({@code eq ne gt ge lt le}), joined by {@code and}.
 * Anything else is refused with 400, as Graph refuses what it cannot filter.
 */
final class MessageFilter {

    private MessageFilter() {}

    /** A predicate for the filter; {@code null} text matches everything. */
    static Predicate<StoredMessage> compile(String text) {
        if (text == null || text.isBlank()) {
            return m -> true;
        }
        List<String> tokens = tokenize(text);
        Predicate<StoredMessage> result = m -> true;
        int i = 0;
        while (i < tokens.size()) {
            if (i + 3 > tokens.size()) {
                throw invalid(text);
            }
            result = result.and(clause(tokens.get(i), tokens.get(i + 1), tokens.get(i + 2), text));
            i += 3;
            if (i < tokens.size()) {
                if (!tokens.get(i).equalsIgnoreCase("and")) {
                    throw invalid(text);
                }
                i++;
                if (i == tokens.size()) {
                    throw invalid(text);
                }
            }
        }
        return result;
    }

    private static Predicate<StoredMessage> clause(String property, String op, String literal, String text) {
        Function<StoredMessage, Comparable<?>> getter = getter(property, text);
        Comparable<?> value = literal(property, literal, text);
        String operator = op.toLowerCase(Locale.ROOT);
        if (!List.of("eq", "ne", "gt", "ge", "lt", "le").contains(operator)) {
            throw invalid(text);
        }
        return m -> test(getter.apply(m), operator, value);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean test(Comparable actual, String op, Comparable expected) {
        if (actual == null || expected == null) {
            boolean same = actual == expected;
            return op.equals("eq") ? same : op.equals("ne") && !same;
        }
        int c = actual instanceof String s ? s.compareToIgnoreCase((String) expected) : actual.compareTo(expected);
        return switch (op) {
            case "eq" -> c == 0;
            case "ne" -> c != 0;
            case "gt" -> c > 0;
            case "ge" -> c >= 0;
            case "lt" -> c < 0;
            case "le" -> c <= 0;
            default -> false;
        };
    }

    private static Function<StoredMessage, Comparable<?>> getter(String property, String text) {
        return switch (property.toLowerCase(Locale.ROOT)) {
            case "internetmessageid" -> StoredMessage::internetMessageId;
            case "subject" -> StoredMessage::subject;
            case "receiveddatetime" -> StoredMessage::receivedAt;
            case "sentdatetime" -> StoredMessage::sentAt;
            case "createddatetime" -> StoredMessage::createdAt;
            case "lastmodifieddatetime" -> StoredMessage::modifiedAt;
            case "isread" -> StoredMessage::read;
            case "isdraft" -> StoredMessage::draft;
            case "hasattachments" -> StoredMessage::hasAttachments;
            case "importance" -> StoredMessage::importance;
            case "parentfolderid" -> StoredMessage::folderId;
            case "conversationid" -> StoredMessage::conversationId;
            case "from/emailaddress/address" ->
                m -> m.from() == null ? null : m.from().address();
            default ->
                throw GraphErrors.error(
                        400,
                        "ErrorInvalidProperty",
                        "Could not find a property named '" + property + "' on type"
                                + " 'Microsoft.OutlookServices.Message'.");
        };
    }

    private static Comparable<?> literal(String property, String literal, String text) {
        if (literal.equals("null")) {
            return null;
        }
        if (literal.startsWith("'")) {
            return literal.substring(1, literal.length() - 1).replace("''", "'");
        }
        if (literal.equalsIgnoreCase("true") || literal.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(literal);
        }
        if (property.toLowerCase(Locale.ROOT).endsWith("datetime")) {
            try {
                return Instant.parse(literal);
            } catch (DateTimeParseException e) {
                throw GraphErrors.badRequest("The DateTimeOffset text '" + literal + "' should be in format"
                        + " 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within valid range.");
            }
        }
        throw invalid(text);
    }

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                int end = i + 1;
                while (true) {
                    if (end >= text.length()) {
                        throw invalid(text);
                    }
                    if (text.charAt(end) == '\'') {
                        if (end + 1 < text.length() && text.charAt(end + 1) == '\'') {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                tokens.add(text.substring(i, end + 1));
                i = end + 1;
            } else {
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                tokens.add(text.substring(i, end));
                i = end;
            }
        }
        return tokens;
    }

    private static io.palisade.simulator.server.HttpError invalid(String text) {
        return GraphErrors.badRequest("Invalid filter clause: " + text);
    }
}
