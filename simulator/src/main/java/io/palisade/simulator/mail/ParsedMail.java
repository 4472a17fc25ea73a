package io.palisade.simulator.mail;

import io.palisade.simulator.state.EmailAddress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * What the simulator reads from a raw message: the headers Graph and Gmail expose as properties,
 * the body it shows as {@code body} and {@code bodyPreview}, and whether it has attachments.
 * Parsing is permissive, as a mail server's is: a malformed header gives an empty value, not an
 * error.
 *
 * @param messageId the Message-ID with its angle brackets, or null when absent
 * @param date the Date header, or null when absent or unreadable
 * @param from the first From address, or null
 * @param htmlBody the first text/html part, or null
 * @param textBody the first text/plain part, or null
 */
public record ParsedMail(
        String messageId,
        String subject,
        Instant date,
        EmailAddress from,
        List<EmailAddress> to,
        List<EmailAddress> cc,
        List<EmailAddress> replyTo,
        String htmlBody,
        String textBody,
        boolean hasAttachments) {

    private static final int PREVIEW_LENGTH = 255;

    /** Parses a message; throws {@link IllegalArgumentException} when it is not MIME at all. */
    public static ParsedMail parse(byte[] mime) {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        try {
            Message message = builder.parseMessage(new ByteArrayInputStream(mime));
            if (message.getHeader() == null || message.getHeader().getFields().isEmpty()) {
                throw new IllegalArgumentException("the message has no header fields");
            }
            BodyParts parts = new BodyParts();
            parts.collect(message);
            return new ParsedMail(
                    message.getMessageId(),
                    message.getSubject() == null ? "" : message.getSubject(),
                    message.getDate() == null ? null : message.getDate().toInstant(),
                    first(message.getFrom()),
                    addresses(message.getTo()),
                    addresses(message.getCc()),
                    addresses(message.getReplyTo()),
                    parts.html,
                    parts.text,
                    parts.attachments > 0);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable MIME: " + e.getMessage(), e);
        }
    }

    /** The body Graph shows: HTML when there is an HTML part, else text. */
    public String bodyContentType() {
        return htmlBody != null ? "html" : "text";
    }

    public String bodyContent() {
        return htmlBody != null ? htmlBody : textBody == null ? "" : textBody;
    }

    /** The first 255 characters of the text, whitespace collapsed, as Graph's bodyPreview. */
    public String preview() {
        String source = textBody != null ? textBody : htmlBody == null ? "" : stripTags(htmlBody);
        String collapsed = source.replaceAll("\\s+", " ").trim();
        return collapsed.length() <= PREVIEW_LENGTH ? collapsed : collapsed.substring(0, PREVIEW_LENGTH);
    }

    private static String stripTags(String html) {
        return html.replaceAll("(?is)<(style|script)[^>]*>.*?</\\1>", " ")
                .replaceAll("<[^>]*>", " ")
                .replace("&nbsp;", " ")
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
    }

    private static EmailAddress first(MailboxList list) {
        if (list == null || list.isEmpty()) {
            return null;
        }
        return new EmailAddress(list.get(0).getName(), list.get(0).getAddress());
    }

    private static List<EmailAddress> addresses(AddressList list) {
        List<EmailAddress> out = new ArrayList<>();
        if (list != null) {
            list.flatten().forEach(m -> out.add(new EmailAddress(m.getName(), m.getAddress())));
        }
        return out;
    }

    /** Walks the MIME tree once, keeping the first text and HTML parts and counting attachments. */
    private static final class BodyParts {
        private String html;
        private String text;
        private int attachments;

        void collect(Entity entity) throws IOException {
            Body body = entity.getBody();
            if (body instanceof Multipart multipart) {
                for (Entity part : multipart.getBodyParts()) {
                    collect(part);
                }
                return;
            }
            if (body instanceof Message nested) {
                attachments++;
                return;
            }
            String type = entity.getMimeType().toLowerCase(Locale.ROOT);
            boolean attachment =
                    "attachment".equalsIgnoreCase(entity.getDispositionType()) || entity.getFilename() != null;
            if (attachment || !(body instanceof TextBody textBody)) {
                attachments++;
            } else if (type.equals("text/html") && html == null) {
                html = read(textBody);
            } else if (type.equals("text/plain") && text == null) {
                text = read(textBody);
            }
        }

        private static String read(TextBody body) throws IOException {
            try (Reader reader = body.getReader()) {
                StringBuilder out = new StringBuilder();
                char[] buffer = new char[4096];
                int n;
                while ((n = reader.read(buffer)) > 0) {
                    out.append(buffer, 0, n);
                }
                return out.toString();
            }
        }
    }
}
