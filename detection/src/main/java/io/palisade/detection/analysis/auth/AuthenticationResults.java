package io.palisade.detection.analysis.auth;

import io.palisade.detection.model.ParsedMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Authentication-Results header (RFC 8601), parsed: the authserv-id and one result per method.
 *
 * <p>Exchange Online writes its header without an authserv-id ({@code spf=pass (...) smtp.mailfrom=...}); such a
 * header gets the authserv-id {@link #NO_AUTHSERV_ID} and is trusted only when it is the topmost
 * Authentication-Results header and the tenant lists {@code ""} among its trusted authserv-ids.
 *
 * @param authservId the authserv-id, lower case, never null ({@link #NO_AUTHSERV_ID} when the header has none)
 * @param results the method results in header order, never null
 */
public record AuthenticationResults(String authservId, List<MethodResult> results) {
    /** The authserv-id given to a header that starts with a result instead of an authserv-id. */
    public static final String NO_AUTHSERV_ID = "";

    private static final Pattern PAIR =
            Pattern.compile("([A-Za-z0-9_.\\-/]+)\\s*=\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s;\"]+)");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    public AuthenticationResults {
        Objects.requireNonNull(authservId, "authservId");
        results = List.copyOf(results);
    }

    /**
     * One method's result.
     *
     * @param method the method, lower case, without its version ({@code spf}, {@code dkim}, {@code dmarc})
     * @param result the result, lower case ({@code pass}, {@code fail}, {@code softfail}, {@code none}, ...)
     * @param properties the reason and the {@code ptype.property} values (e.g. {@code header.from}), never null
     */
    public record MethodResult(String method, String result, Map<String, String> properties) {
        public MethodResult {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(result, "result");
            properties = Map.copyOf(properties);
        }

        /** A property such as {@code header.from}, lower-case name, or empty. */
        public Optional<String> property(String name) {
            return Optional.ofNullable(properties.get(name));
        }
    }

    /**
     * Parses one header value.
     *
     * @param value the unfolded header value, may be null
     * @return the parsed header, or empty when it has neither an authserv-id nor a result
     */
    public static Optional<AuthenticationResults> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        List<String> clauses = splitClauses(stripComments(value));
        if (clauses.isEmpty()) {
            return Optional.empty();
        }
        String first = clauses.getFirst().strip();
        String authservId = NO_AUTHSERV_ID;
        List<String> resultClauses = clauses;
        if (!first.contains("=")) {
            authservId = WHITESPACE.split(first)[0].toLowerCase(Locale.ROOT);
            resultClauses = clauses.subList(1, clauses.size());
        }
        List<MethodResult> results = new ArrayList<>();
        resultClauses.forEach(clause -> parseClause(clause).ifPresent(results::add));
        if (authservId.isEmpty() && results.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AuthenticationResults(authservId, results));
    }

    /**
     * The results a message carries from trusted authserv-ids, in header order; untrusted headers (which anyone
     * sending the message could have written) are left out.
     *
     * @param message the message, never null
     * @param trustedIds the trusted authserv-ids, lower case, never null
     * @return the trusted headers, never null
     */
    public static List<AuthenticationResults> trusted(ParsedMessage message, Set<String> trustedIds) {
        return trustedValues(message, trustedIds).stream()
                .map(value -> parse(value).orElseThrow())
                .toList();
    }

    /**
     * The raw values (comments kept) of the Authentication-Results headers from trusted authserv-ids, in header
     * order; the same headers as {@link #trusted}.
     *
     * @param message the message, never null
     * @param trustedIds the trusted authserv-ids, lower case, never null
     * @return the header values, never null
     */
    public static List<String> trustedValues(ParsedMessage message, Set<String> trustedIds) {
        List<String> values = message.headers("authentication-results");
        List<String> trusted = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Optional<AuthenticationResults> parsed = parse(values.get(i));
            if (parsed.isEmpty()) {
                continue;
            }
            String id = parsed.get().authservId();
            boolean headlessOnTop = id.equals(NO_AUTHSERV_ID) && i == 0;
            if (trustedIds.contains(id) && (!id.equals(NO_AUTHSERV_ID) || headlessOnTop)) {
                trusted.add(values.get(i));
            }
        }
        return List.copyOf(trusted);
    }

    /** The results for one method, in order. */
    public List<MethodResult> resultsFor(String method) {
        return results.stream().filter(r -> r.method().equals(method)).toList();
    }

    private static Optional<MethodResult> parseClause(String clause) {
        Matcher pairs = PAIR.matcher(clause);
        if (!pairs.find()) {
            return Optional.empty();
        }
        String method = pairs.group(1).toLowerCase(Locale.ROOT);
        int slash = method.indexOf('/');
        method = slash < 0 ? method : method.substring(0, slash);
        String result = unquote(pairs.group(2)).toLowerCase(Locale.ROOT);
        Map<String, String> properties = new LinkedHashMap<>();
        while (pairs.find()) {
            properties.putIfAbsent(pairs.group(1).toLowerCase(Locale.ROOT), unquote(pairs.group(2)));
        }
        return Optional.of(new MethodResult(method, result, properties));
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return value;
    }

    /** Removes RFC 5322 comments (nested parentheses), leaving quoted strings alone. */
    static String stripComments(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && (quoted || depth > 0)) {
                if (depth == 0) {
                    out.append(c).append(value.charAt(i + 1));
                }
                i++;
            } else if (c == '"' && depth == 0) {
                quoted = !quoted;
                out.append(c);
            } else if (c == '(' && !quoted) {
                depth++;
            } else if (c == ')' && !quoted && depth > 0) {
                depth--;
                out.append(' ');
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> splitClauses(String value) {
        List<String> clauses = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                clauses.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        clauses.add(current.toString());
        return clauses.stream().filter(s -> !s.isBlank()).toList();
    }
}
