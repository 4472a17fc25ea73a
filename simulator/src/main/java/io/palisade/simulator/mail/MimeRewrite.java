package io.palisade.simulator.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.BasicBodyFactory;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Changes the body or subject inside stored MIME, as Exchange does when Graph updates a message:
 * the first part of the body's type gets the new text, everything else (headers, other parts,
 * attachments) stays.
 */
public final class MimeRewrite {

    private MimeRewrite() {}

    /**
     * Rewrites a message.
     *
     * @param subject the new subject, or null to keep it
     * @param bodyType {@code html} or {@code text}; ignored when {@code bodyContent} is null
     * @param bodyContent the new body, or null to keep it
     */
    public static byte[] rewrite(byte[] mime, String subject, String bodyType, String bodyContent) {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        try {
            Message message = builder.parseMessage(new ByteArrayInputStream(mime));
            if (subject != null) {
                message.getHeader().setField(org.apache.james.mime4j.field.Fields.subject(subject));
            }
            if (bodyContent != null) {
                String type = "html".equalsIgnoreCase(bodyType) ? "text/html" : "text/plain";
                if (!replace(message, type, bodyContent)) {
                    replace(message, null, bodyContent);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(mime.length + 1024);
            new DefaultMessageWriter().writeMessage(message, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable MIME: " + e.getMessage(), e);
        }
    }

    /** Replaces the first text part of {@code type} (any text part when null); false when none. */
    private static boolean replace(Entity entity, String type, String content) {
        if (entity.getBody() instanceof Multipart multipart) {
            for (Entity part : multipart.getBodyParts()) {
                if (replace(part, type, content)) {
                    return true;
                }
            }
            return false;
        }
        String mimeType = entity.getMimeType().toLowerCase(Locale.ROOT);
        boolean attachment = "attachment".equalsIgnoreCase(entity.getDispositionType());
        boolean matches = type == null ? mimeType.startsWith("text/") : mimeType.equals(type);
        if (!(entity.getBody() instanceof TextBody) || attachment || !matches) {
            return false;
        }
        TextBody replacement = new BasicBodyFactory().textBody(content, StandardCharsets.UTF_8);
        entity.removeBody();
        entity.setBody(replacement);
        entity.getHeader().removeFields("Content-Type");
        entity.getHeader().removeFields("Content-Transfer-Encoding");
        entity.getHeader().addField(org.apache.james.mime4j.field.Fields.contentType(mimeType + "; charset=utf-8"));
        entity.getHeader().addField(org.apache.james.mime4j.field.Fields.contentTransferEncoding("base64"));
        return true;
    }
}
