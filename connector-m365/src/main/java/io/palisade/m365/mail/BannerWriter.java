package io.palisade.m365.mail;

import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MessageRef;
import io.palisade.m365.graph.GraphErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.util.Optional;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;
import org.springframework.stereotype.Component;

/**
 * Writes a bannered message back into the mailbox by PATCHing the delivered message's body, which Exchange Online
 * allows with the admin-consented permission Mail-Advanced.ReadWrite.All. The message keeps its id, folder, read
 * state, flags, categories and received time.
 */
@Component
class BannerWriter {

    // Not yet: without Mail-Advanced.ReadWrite.All the PATCH is refused and the banner action fails; the beta
    // importMime and the flagged-copy fallbacks (docs/adr/0003) are still to be written.
    String write(GraphServiceClient graph, MessageRef ref, byte[] newMime) throws ConnectorException {
        ItemBody body = displayedBody(newMime)
                .orElseThrow(() -> ConnectorException.permanent("rewritten message has no text or HTML body", null));
        Message patch = new Message();
        patch.setBody(body);
        try {
            graph.users()
                    .byUserId(ref.providerMailboxId())
                    .messages()
                    .byMessageId(ref.providerMessageId())
                    .patch(patch);
            return ref.providerMessageId();
        } catch (RuntimeException e) {
            throw GraphErrors.map("banner body PATCH", e);
        }
    }

    /** The HTML body of a message, else its plain-text body. */
    static Optional<ItemBody> displayedBody(byte[] mime) {
        try {
            DefaultMessageBuilder builder = new DefaultMessageBuilder();
            builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
            Entity message = builder.parseMessage(new ByteArrayInputStream(mime));
            Optional<ItemBody> html = find(message, "text/html", BodyType.Html);
            return html.isPresent() ? html : find(message, "text/plain", BodyType.Text);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
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
}
