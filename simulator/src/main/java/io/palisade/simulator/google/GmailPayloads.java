package io.palisade.simulator.google;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/** The Gmail Message resource in the four formats of messages.get: minimal, metadata, full and raw. */
final class GmailPayloads {

    private static final int SNIPPET_LENGTH = 200;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder();

    private GmailPayloads() {}

    /** The resource for {@code format} ({@code full} when null); metadata keeps only {@code metadataHeaders}. */
    static Map<String, Object> message(GmailMessage message, String format, List<String> metadataHeaders) {
        String chosen = format == null ? "full" : format.toLowerCase(Locale.ROOT);
        Map<String, Object> out = minimal(message);
        switch (chosen) {
            case "minimal" -> {}
            case "raw" -> {
                byte[] mime = message.mime();
                out.put("snippet", snippet(parse(mime)));
                out.put("raw", BASE64URL.encodeToString(mime));
            }
            case "metadata" -> {
                Message parsed = parse(message.mime());
                out.put("snippet", snippet(parsed));
                out.put("payload", metadataPayload(parsed, metadataHeaders));
            }
            case "full" -> {
                Message parsed = parse(message.mime());
                out.put("snippet", snippet(parsed));
                out.put("payload", part(parsed, ""));
            }
            default -> throw GmailException.invalid("Invalid value for format: " + format);
        }
        return out;
    }

    /** id, threadId, labelIds, historyId, internalDate and sizeEstimate. */
    static Map<String, Object> minimal(GmailMessage message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", message.id());
        out.put("threadId", message.threadId());
        out.put("labelIds", List.copyOf(message.labelIds()));
        out.put("historyId", String.valueOf(message.historyId()));
        out.put("internalDate", String.valueOf(message.internalDate().toEpochMilli()));
        out.put("sizeEstimate", message.size());
        return out;
    }

    /** The attachment body for {@code attachmentId}, as attachments.get answers. */
    static Map<String, Object> attachment(GmailMessage message, String attachmentId) {
        Entity entity = find(parse(message.mime()), "", attachmentId);
        if (entity == null) {
            throw GmailException.notFound();
        }
        byte[] data = content(entity);
        return Map.of("attachmentId", attachmentId, "size", data.length, "data", BASE64URL.encodeToString(data));
    }

    static Message parse(byte[] mime) {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        try {
            return builder.parseMessage(new ByteArrayInputStream(mime));
        } catch (IOException e) {
            throw new UncheckedIOException("stored message could not be read", e);
        }
    }

    private static Map<String, Object> metadataPayload(Message message, List<String> wanted) {
        Set<String> names = wanted.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("partId", "");
        payload.put("mimeType", message.getMimeType());
        payload.put("filename", "");
        payload.put(
                "headers",
                headers(message).stream()
                        .filter(h ->
                                names.isEmpty() || names.contains(h.get("name").toLowerCase(Locale.ROOT)))
                        .toList());
        payload.put("body", Map.of("size", 0));
        return payload;
    }

    private static Map<String, Object> part(Entity entity, String partId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("partId", partId);
        out.put("mimeType", entity.getMimeType());
        String filename = entity.getFilename();
        out.put("filename", filename == null ? "" : filename);
        out.put("headers", headers(entity));
        if (entity.getBody() instanceof Multipart multipart) {
            out.put("body", Map.of("size", 0));
            List<Map<String, Object>> parts = new ArrayList<>();
            List<Entity> children = multipart.getBodyParts();
            for (int i = 0; i < children.size(); i++) {
                parts.add(part(children.get(i), partId.isEmpty() ? String.valueOf(i) : partId + "." + i));
            }
            out.put("parts", parts);
        } else {
            byte[] data = content(entity);
            out.put(
                    "body",
                    filename == null || filename.isEmpty()
                            ? Map.of("size", data.length, "data", BASE64URL.encodeToString(data))
                            : Map.of("size", data.length, "attachmentId", attachmentId(partId)));
        }
        return out;
    }

    private static String attachmentId(String partId) {
        return "ANGjdJ_part" + (partId.isEmpty() ? "root" : partId.replace('.', '_'));
    }

    private static Entity find(Entity entity, String partId, String attachmentId) {
        if (entity.getBody() instanceof Multipart multipart) {
            List<Entity> children = multipart.getBodyParts();
            for (int i = 0; i < children.size(); i++) {
                Entity found =
                        find(children.get(i), partId.isEmpty() ? String.valueOf(i) : partId + "." + i, attachmentId);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return attachmentId(partId).equals(attachmentId) ? entity : null;
    }

    private static List<Map<String, String>> headers(Entity entity) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Field field : entity.getHeader().getFields()) {
            String value = DecoderUtil.decodeEncodedWords(field.getBody(), DecodeMonitor.SILENT);
            Map<String, String> header = new LinkedHashMap<>();
            header.put("name", field.getName());
            header.put("value", value);
            out.add(header);
        }
        return out;
    }

    private static byte[] content(Entity entity) {
        if (!(entity.getBody() instanceof SingleBody body)) {
            return new byte[0];
        }
        try (InputStream in = body.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("stored message could not be read", e);
        }
    }

    private static String snippet(Message message) {
        String text = firstText(message, "text/plain");
        if (text == null) {
            String html = firstText(message, "text/html");
            text = html == null ? "" : html.replaceAll("(?s)<[^>]*>", " ");
        }
        String collapsed = text.replaceAll("\\s+", " ").trim();
        String cut = collapsed.length() > SNIPPET_LENGTH ? collapsed.substring(0, SNIPPET_LENGTH) : collapsed;
        return cut.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("'", "&#39;");
    }

    private static String firstText(Entity entity, String type) {
        if (entity.getBody() instanceof Multipart multipart) {
            for (Entity child : multipart.getBodyParts()) {
                String found = firstText(child, type);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        boolean attachment = entity.getFilename() != null;
        return !attachment && type.equals(entity.getMimeType()) ? new String(content(entity), charset(entity)) : null;
    }

    private static java.nio.charset.Charset charset(Entity entity) {
        try {
            return java.nio.charset.Charset.forName(entity.getCharset());
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
