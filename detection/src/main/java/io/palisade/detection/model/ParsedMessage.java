package io.palisade.detection.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Document;

/**
 * A message (or a chat file, as a message with one attachment) parsed once per scan.
 *
 * @param from the From address, never null (empty address when missing)
 * @param sender the Sender header, if any
 * @param replyTo Reply-To addresses, never null
 * @param returnPath the Return-Path address without brackets, never null (empty when none)
 * @param to To recipients, never null
 * @param cc Cc recipients, never null
 * @param subject the decoded subject, never null
 * @param headers every header by lower-case name, values decoded and unfolded, in order; never null
 * @param textBody the text/plain body, or the text of the HTML body when there is no plain part; never null
 * @param html the parsed HTML body, if any
 * @param links every link in the body, HTML and attachments as written; never null
 * @param attachments every file part; never null
 * @param parseIssues what could not be parsed or was cut by a limit (e.g. "mime depth over 20"); never null
 */
public record ParsedMessage(
        Address from,
        Optional<Address> sender,
        List<Address> replyTo,
        String returnPath,
        List<Address> to,
        List<Address> cc,
        String subject,
        Map<String, List<String>> headers,
        String textBody,
        Optional<Document> html,
        List<Link> links,
        List<Attachment> attachments,
        List<String> parseIssues) {

    /** The first value of a header by name (case-insensitive), or empty. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** Every value of a header by name (case-insensitive), never null. */
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}
