package io.palisade.simulator.google;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.dom.Message;

/**
 * The headers Gmail reads when a message is stored: Message-ID, the ids it refers to (In-Reply-To, References) for
 * threading, and the Date.
 *
 * @param messageId the Message-ID with brackets, or null
 * @param references ids from In-Reply-To and References, with brackets
 * @param date the Date header, or null when absent or unreadable
 */
record RawHeaders(String messageId, List<String> references, Instant date) {

    static RawHeaders of(byte[] raw) {
        Message message = GmailPayloads.parse(raw);
        if (message.getHeader() == null || message.getHeader().getFields().isEmpty()) {
            throw GmailException.invalid("Invalid RFC822 message: no header fields");
        }
        List<String> references = new ArrayList<>();
        for (String name : List.of("In-Reply-To", "References")) {
            var field = message.getHeader().getField(name);
            if (field != null) {
                java.util.regex.Matcher ids =
                        java.util.regex.Pattern.compile("<[^<>\\s]+>").matcher(field.getBody());
                while (ids.find()) {
                    references.add(ids.group());
                }
            }
        }
        String id = message.getMessageId();
        return new RawHeaders(
                id,
                references,
                message.getDate() == null ? null : message.getDate().toInstant());
    }
}
