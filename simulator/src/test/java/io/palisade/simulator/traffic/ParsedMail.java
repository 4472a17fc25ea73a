package io.palisade.simulator.traffic;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.BinaryBody;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;

/** A generated message parsed by mime4j in strict mode, with helpers to find its parts. */
final class ParsedMail {

    final Message message;

    private ParsedMail(Message message) {
        this.message = message;
    }

    static ParsedMail parse(byte[] mime) {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.STRICT);
        builder.setDecodeMonitor(DecodeMonitor.STRICT);
        try {
            return new ParsedMail(builder.parseMessage(new ByteArrayInputStream(mime)));
        } catch (IOException e) {
            // MimeIOException, thrown by the strict monitor, lands here with the parser's reason.
            throw new UncheckedIOException("not valid MIME: " + e.getMessage(), e);
        }
    }

    List<Entity> leaves() {
        List<Entity> out = new ArrayList<>();
        collect(message, out);
        return out;
    }

    private static void collect(Entity entity, List<Entity> out) {
        if (entity.getBody() instanceof Multipart multipart) {
            multipart.getBodyParts().forEach(part -> collect(part, out));
        } else {
            out.add(entity);
        }
    }

    Optional<String> text(String mimeType) {
        return leaves().stream()
                .filter(e -> e.getMimeType().equals(mimeType) && e.getDispositionType() == null)
                .findFirst()
                .map(e -> readText((TextBody) e.getBody()));
    }

    List<Entity> attachments() {
        return leaves().stream().filter(e -> e.getDispositionType() != null).toList();
    }

    static byte[] bytes(Entity entity) {
        Body body = entity.getBody();
        try (InputStream in = body instanceof BinaryBody binary
                ? binary.getInputStream()
                : ((org.apache.james.mime4j.dom.SingleBody) body).getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readText(TextBody body) {
        try (InputStream in = body.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String header(String name) {
        var field = message.getHeader().getField(name);
        return field == null ? null : field.getBody();
    }
}
