package io.palisade.m365.mail;

import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.ItemBody;
import io.palisade.core.connector.ConnectorException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.util.Optional;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * What Graph's JSON writes need from a rewritten MIME message: the body a reader sees (HTML, else plain text), the
 * subject, and whether it carries attachments (which a JSON copy would not keep).
 *
 * @param bodyType HTML or text, never null
 * @param bodyContent never null
 * @param subject null when the message has none
 * @param hasAttachments whether any part is an attachment
 */
record RewrittenMessage(BodyType bodyType, String bodyContent, String subject, boolean hasAttachments) {

    /**
     * A fresh SDK body on every call: the SDK's backing store serialises a model only with the values changed since
     * it was last sent, so a body reused for a second request would go out empty.
     */
    ItemBody body() {
        ItemBody body = new ItemBody();
        body.setContentType(bodyType);
        body.setContent(bodyContent);
        return body;
    }

    /** @throws ConnectorException (permanent) when the MIME cannot be parsed or has no text body */
    static RewrittenMessage parse(byte[] mime) throws ConnectorException {
        try {
            DefaultMessageBuilder builder = new DefaultMessageBuilder();
            builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
            Message message = builder.parseMessage(new ByteArrayInputStream(mime));
            Optional<ItemBody> html = find(message, "text/html", BodyType.Html);
            Optional<ItemBody> body = html.isPresent() ? html : find(message, "text/plain", BodyType.Text);
            if (body.isEmpty()) {
                throw ConnectorException.permanent("rewritten message has no text or HTML body", null);
            }
            return new RewrittenMessage(
                    body.get().getContentType(), body.get().getContent(), message.getSubject(), hasAttachment(message));
        } catch (IOException | RuntimeException e) {
            throw ConnectorException.permanent("rewritten message is not parseable MIME", e);
        }
    }

    private static Optional<ItemBody> find(Entity entity, String mimeType, BodyType type) throws IOException {
        Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            for (Entity part : multipart.getBodyParts()) {
                if (!"attachment".equalsIgnoreCase(part.getDispositionType())) {
                    Optional<ItemBody> found = find(part, mimeType, type);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return Optional.empty();
        }
        if (body instanceof TextBody text && mimeType.equalsIgnoreCase(entity.getMimeType())) {
            ItemBody item = new ItemBody();
            item.setContentType(type);
            StringWriter content = new StringWriter();
            try (Reader reader = text.getReader()) {
                reader.transferTo(content);
            }
            item.setContent(content.toString());
            return Optional.of(item);
        }
        return Optional.empty();
    }

    private static boolean hasAttachment(Entity entity) {
        if (entity.getBody() instanceof Multipart multipart) {
            return multipart.getBodyParts().stream().anyMatch(RewrittenMessage::hasAttachment);
        }
        return "attachment".equalsIgnoreCase(entity.getDispositionType())
                || (entity.getFilename() != null && !entity.getMimeType().startsWith("text/"));
    }
}
