package io.palisade.banners.inject;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.dom.field.FieldName;
import org.apache.james.mime4j.field.Fields;
import org.apache.james.mime4j.message.BasicBodyFactory;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.RawField;

/**
 * A text/plain or text/html body part, decoded for editing and encoded back. Writing back changes only the
 * body, the Content-Transfer-Encoding when the new text no longer fits the old one, and the charset parameter
 * when the part's charset cannot hold the banner.
 */
final class TextPart {
    // A bare CR is invalid in text (RFC 2045) and clients read it as a line break; so does Palisade.
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final Pattern CHARSET_PARAMETER =
            Pattern.compile(";\\s*charset\\s*=\\s*(\"[^\"]*\"|[^;\\s]*)", Pattern.CASE_INSENSITIVE);

    private final Entity entity;
    private final boolean html;
    private final String encoding;
    private final String declaredCharset;
    private final PartCharsets.Decoded decoded;

    private TextPart(Entity entity, boolean html, String encoding, String declared, PartCharsets.Decoded decoded) {
        this.entity = entity;
        this.html = html;
        this.encoding = encoding;
        this.declaredCharset = declared;
        this.decoded = decoded;
    }

    /**
     * Decodes a body part.
     *
     * @return the part, or empty with nothing changed when its transfer encoding or charset cannot be decoded
     */
    static Optional<TextPart> read(Entity entity) throws IOException {
        String encoding = TransferEncoding.normalise(entity.getContentTransferEncoding());
        if (!TransferEncoding.isKnown(encoding) || !(entity.getBody() instanceof SingleBody body)) {
            return Optional.empty();
        }
        byte[] raw;
        try (var in = body.getInputStream()) {
            raw = in.readAllBytes();
        }
        boolean html = "text/html".equalsIgnoreCase(entity.getMimeType());
        String declared = declaredCharset(entity.getHeader());
        byte[] content = TransferEncoding.decode(raw, encoding);
        return PartCharsets.decode(content, declared, html)
                .map(decoded -> new TextPart(entity, html, encoding, declared, decoded));
    }

    boolean isHtml() {
        return html;
    }

    Charset charset() {
        return decoded.charset();
    }

    String text() {
        return decoded.text();
    }

    /** A short description for logs and results: type, charset and transfer encoding, never content. */
    String describe() {
        return (html ? "text/html" : "text/plain") + " charset="
                + decoded.charset().name() + " cte=" + encoding;
    }

    /** The charset to write in: the part's own if it can hold {@code inserted}, else UTF-8. */
    Charset outputCharset(String inserted) {
        return PartCharsets.canEncode(decoded.charset(), inserted) ? decoded.charset() : StandardCharsets.UTF_8;
    }

    /** Replaces the part's body with {@code newText} in {@code charset}, fixing the headers that must change. */
    void write(String newText, Charset charset) throws IOException {
        // Text in MIME is canonically CRLF-terminated, whatever the transfer encoding; jsoup and the banner use LF.
        byte[] content = PartCharsets.encode(LINE_BREAK.matcher(newText).replaceAll("\r\n"), charset);
        String newEncoding = TransferEncoding.choose(encoding, content);
        byte[] raw = TransferEncoding.encode(content, newEncoding);

        entity.removeBody();
        entity.setBody(BasicBodyFactory.INSTANCE.binaryBody(raw));
        Header header = entity.getHeader();
        if (!newEncoding.equals(encoding)) {
            header.setField(Fields.contentTransferEncoding(newEncoding));
        }
        if (charsetHeaderMustChange(charset, newText)) {
            header.setField(contentTypeWithCharset(header, charset));
        }
    }

    private boolean charsetHeaderMustChange(Charset charset, String newText) {
        if (declaredCharset == null) {
            // An undeclared charset means US-ASCII to a reader; any other text must now say what it is.
            return !StandardCharsets.US_ASCII.newEncoder().canEncode(newText);
        }
        return PartCharsets.lookup(declaredCharset).map(d -> !d.equals(charset)).orElse(true);
    }

    /**
     * The part's own Content-Type text with only the charset parameter replaced, so that every other parameter
     * stays exactly as the sender wrote it, even one that a strict parser would reject.
     */
    private Field contentTypeWithCharset(Header header, Charset charset) {
        String charsetParameter = "; charset=" + charset.name().toLowerCase(Locale.ROOT);
        Field field = header.getField(FieldName.CONTENT_TYPE);
        if (field == null || field.getBody() == null || field.getBody().isBlank()) {
            return new RawField(FieldName.CONTENT_TYPE, (html ? "text/html" : "text/plain") + charsetParameter);
        }
        String unfolded = LINE_BREAK.matcher(field.getBody()).replaceAll("");
        String body = CHARSET_PARAMETER.matcher(unfolded).replaceAll("").strip();
        return new RawField(FieldName.CONTENT_TYPE, body + charsetParameter);
    }

    private static String declaredCharset(Header header) {
        if (header != null && header.getField(FieldName.CONTENT_TYPE) instanceof ContentTypeField type) {
            return type.getCharset();
        }
        return null;
    }
}
