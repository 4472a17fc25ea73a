package io.palisade.simulator.graph;

import io.palisade.simulator.state.EmailAddress;
import io.palisade.simulator.state.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The MIME Exchange would produce for a message made from JSON properties: the address headers,
 * subject, date, Message-ID and the body as one base64 part.
 */
final class MimeFromProperties {

    private MimeFromProperties() {}

    static byte[] render(StoredMessage m) {
        StringBuilder out = new StringBuilder();
        if (m.from() != null) {
            out.append("From: ").append(format(List.of(m.from()))).append("\r\n");
        }
        if (!m.to().isEmpty()) {
            out.append("To: ").append(format(m.to())).append("\r\n");
        }
        if (!m.cc().isEmpty()) {
            out.append("Cc: ").append(format(m.cc())).append("\r\n");
        }
        out.append("Subject: =?UTF-8?B?")
                .append(Base64.getEncoder().encodeToString(m.subject().getBytes(StandardCharsets.UTF_8)))
                .append("?=\r\n");
        out.append("Date: ")
                .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        (m.sentAt() != null ? m.sentAt() : m.createdAt()).atOffset(ZoneOffset.UTC)))
                .append("\r\n");
        if (m.internetMessageId() != null) {
            out.append("Message-ID: ").append(m.internetMessageId()).append("\r\n");
        }
        boolean html = m.body() != null && m.body().contentType().equalsIgnoreCase("html");
        String content = m.body() == null ? "" : m.body().content();
        out.append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/")
                .append(html ? "html" : "plain")
                .append("; charset=\"utf-8\"\r\n")
                .append("Content-Transfer-Encoding: base64\r\n\r\n")
                .append(Base64.getMimeEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)))
                .append("\r\n");
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String format(List<EmailAddress> addresses) {
        return addresses.stream()
                .map(a -> a.name().isEmpty()
                        ? "<" + a.address() + ">"
                        : "\"" + a.name().replace("\"", "") + "\" <" + a.address() + ">")
                .collect(Collectors.joining(", "));
    }
}
