package io.palisade.detection.parse;

import io.palisade.detection.model.Address;
import io.palisade.detection.model.Attachment;
import io.palisade.detection.model.Link;
import io.palisade.detection.model.ParsedMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Gathers the pieces of one message while the MIME stream is read, within the limits. One per parse. */
final class MessageAccumulator {

    private static final int MAX_ISSUES = 50;

    private final ParseLimits limits;
    private final Deadline deadline;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final Map<String, String> rawAddressHeaders = new LinkedHashMap<>();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder html = new StringBuilder();
    private final List<Attachment> attachments = new ArrayList<>();
    private final Set<ParseIssue> issues = new LinkedHashSet<>();
    private long decodedBytes;
    private Address fromOverride;

    MessageAccumulator(ParseLimits limits, Deadline deadline) {
        this.limits = limits;
        this.deadline = deadline;
    }

    void issue(ParseIssue.Kind kind, String detail) {
        if (issues.size() < MAX_ISSUES) {
            issues.add(new ParseIssue(kind, detail));
        }
    }

    /** Adds a top-level header; {@code rawValue} is unfolded but not yet decoded. */
    void header(String name, String rawValue) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        String decoded = HeaderDecoder.decodeWords(rawValue);
        headers.computeIfAbsent(key, k -> new ArrayList<>()).add(decoded);
        if (isAddressHeader(key)) {
            rawAddressHeaders.putIfAbsent(key, rawValue);
        }
    }

    /** Whether another part of this many decoded bytes may still be kept, counting it when so. */
    boolean reserve(long bytes) {
        if (decodedBytes + bytes > limits.maxTotalDecodedBytes()) {
            issue(ParseIssue.Kind.TOTAL_TOO_LARGE, "decoded parts over " + limits.maxTotalDecodedBytes() + " bytes");
            return false;
        }
        decodedBytes += bytes;
        return true;
    }

    /** Sets the From address when there is no header to read it from (chat files). */
    void from(Address from) {
        fromOverride = from;
    }

    void text(String part) {
        appendBounded(text, part, limits.maxTextChars(), null);
    }

    void html(String part) {
        appendBounded(html, part, limits.maxHtmlChars(), ParseIssue.Kind.HTML_TOO_LARGE);
    }

    void attachment(Attachment attachment) {
        attachments.add(attachment);
    }

    /** Builds the message: parses the HTML, extracts links, fills in the text of HTML-only mail. */
    ParseResult build() {
        Optional<Document> document = parseHtml();
        Set<Link> links = new LinkedHashSet<>();
        document.ifPresent(doc -> LinkExtractor.fromHtml(doc, links, limits.maxLinks()));
        String body = text.isEmpty()
                ? document.map(this::visibleText).orElse("")
                : text.toString().strip();
        LinkExtractor.fromText(body, links, limits.maxLinks());
        List<ParseIssue> found = List.copyOf(issues);
        ParsedMessage message = new ParsedMessage(
                fromOverride != null ? fromOverride : firstAddress("from").orElse(new Address("", "")),
                firstAddress("sender"),
                addresses("reply-to"),
                headerValue("return-path").map(HeaderDecoder::returnPath).orElse(""),
                addresses("to"),
                addresses("cc"),
                headerValue("subject").orElse(""),
                immutableHeaders(),
                body,
                document,
                List.copyOf(links),
                List.copyOf(attachments),
                found.stream().map(ParseIssue::toString).toList());
        return new ParseResult(message, found);
    }

    private Map<String, List<String>> immutableHeaders() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    private Optional<Document> parseHtml() {
        if (html.isEmpty()) {
            return Optional.empty();
        }
        if (deadline.expired()) {
            issue(ParseIssue.Kind.TIME_BUDGET, "html not parsed");
            return Optional.empty();
        }
        return Optional.of(Jsoup.parse(html.toString()));
    }

    private String visibleText(Document document) {
        String visible = document.text();
        return visible.length() <= limits.maxTextChars() ? visible : visible.substring(0, limits.maxTextChars());
    }

    private void appendBounded(StringBuilder target, String part, int max, ParseIssue.Kind overflow) {
        int room = max - target.length();
        if (part.length() > room && overflow != null) {
            issue(overflow, "over " + max + " characters");
        }
        if (room > 0) {
            if (!target.isEmpty()) {
                target.append('\n');
                room--;
            }
            target.append(part, 0, Math.max(0, Math.min(room, part.length())));
        }
    }

    private Optional<String> headerValue(String key) {
        List<String> values = headers.get(key);
        return values == null ? Optional.empty() : Optional.of(values.getFirst());
    }

    private Optional<Address> firstAddress(String key) {
        List<Address> found = addresses(key);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    private List<Address> addresses(String key) {
        String raw = rawAddressHeaders.get(key);
        return raw == null ? List.of() : List.copyOf(HeaderDecoder.addresses(raw));
    }

    private static boolean isAddressHeader(String key) {
        return switch (key) {
            case "from", "sender", "reply-to", "to", "cc" -> true;
            default -> false;
        };
    }
}
