package io.palisade.banners;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;

/** Reads messages back the strict way, independently of the injector's own parsing. */
public final class MimeInspection {
    private MimeInspection() {}

    /** Parses with mime4j's strict configuration and decoding on; throws if the message is not well formed. */
    public static Message parseStrictly(byte[] mime) throws IOException {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.STRICT);
        builder.setDecodeMonitor(DecodeMonitor.STRICT);
        return builder.parseMessage(new ByteArrayInputStream(mime));
    }

    /** SHA-256 of the decoded content of every leaf that is not a displayed body (attachments, inline images). */
    public static Map<String, String> attachmentHashes(byte[] mime) throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        collect(parseStrictly(mime), "0", hashes);
        return hashes;
    }

    /** The decoded text of every text/plain or text/html leaf, in order. */
    public static List<String> texts(byte[] mime) throws IOException {
        List<String> texts = new ArrayList<>();
        collectTexts(parseStrictly(mime), texts);
        return texts;
    }

    private static void collect(Entity entity, String path, Map<String, String> hashes) throws IOException {
        collect(entity, path, hashes, false);
    }

    /** Inside an attached message every leaf counts, its text parts too: none of them may change. */
    private static void collect(Entity entity, String path, Map<String, String> hashes, boolean attached)
            throws IOException {
        if (entity.getBody() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getBodyParts().size(); i++) {
                collect(multipart.getBodyParts().get(i), path + "." + i, hashes, attached);
            }
            return;
        }
        if (entity.getBody() instanceof Message message) {
            hashes.put(path + " headers", sha256(message.getHeader().toString().getBytes(StandardCharsets.UTF_8)));
            collect(message, path + ".msg", hashes, true);
            return;
        }
        boolean text = entity.getMimeType().startsWith("text/");
        if (entity.getBody() instanceof SingleBody body
                && (attached || !text || "attachment".equalsIgnoreCase(entity.getDispositionType()))) {
            try (InputStream in = body.getInputStream()) {
                hashes.put(path + " " + entity.getMimeType(), sha256(in.readAllBytes()));
            }
        }
    }

    private static void collectTexts(Entity entity, List<String> texts) throws IOException {
        if (entity.getBody() instanceof Multipart multipart) {
            for (Entity part : multipart.getBodyParts()) {
                collectTexts(part, texts);
            }
        } else if (entity.getBody() instanceof Message message) {
            collectTexts(message, texts);
        } else if (entity.getBody() instanceof TextBody body) {
            StringWriter out = new StringWriter();
            try (var reader = body.getReader()) {
                reader.transferTo(out);
            }
            texts.add(out.toString());
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
