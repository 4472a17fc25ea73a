package io.palisade.detection.parse;

import io.palisade.detection.api.ScanInput;
import io.palisade.detection.model.Address;
import io.palisade.detection.model.Attachment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.io.MaxHeaderLengthLimitException;
import org.apache.james.mime4j.io.MaxHeaderLimitException;
import org.apache.james.mime4j.io.MaxLineLimitException;
import org.apache.james.mime4j.io.MaxNestingDepthLimitException;
import org.apache.james.mime4j.io.MaxPartCountLimitException;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Parses a raw RFC 822 message, or a chat file, into a {@link io.palisade.detection.model.ParsedMessage}. The MIME
 * structure is read as a stream of tokens (mime4j's pull parser), so depth and part count cost no stack and the
 * deadline is checked between tokens. Lenient: never throws on bad input; what it guessed or cut is in the
 * result's issues. Thread-safe and stateless apart from its limits.
 */
public final class MessageParser {

    private static final int TOTAL_HEADERS_PER_ENTITY_LIMIT = 4;

    private final ParseLimits limits;
    private final MimeConfig mimeConfig;

    /** A parser bounded by these limits. */
    public MessageParser(ParseLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.mimeConfig = new MimeConfig.Builder()
                .setStrictParsing(false)
                .setMalformedHeaderStartsBody(true)
                .setMaxLineLen(limits.maxHeaderBytes())
                .setMaxHeaderLen(limits.maxHeaderBytes())
                .setMaxHeaderCount(limits.maxHeaders())
                .setMaxTotalHeaderCount(limits.maxHeaders() * TOTAL_HEADERS_PER_ENTITY_LIMIT)
                .setMaxNestingDepth(limits.maxMimeDepth())
                .setMaxPartCount(limits.maxParts())
                .build();
    }

    /** The limits this parser applies. */
    public ParseLimits limits() {
        return limits;
    }

    /** Parses whichever kind of input this is. */
    public ParseResult parse(ScanInput input, Deadline deadline) {
        return switch (input) {
            case ScanInput.Mail mail -> parseMail(mail.raw(), deadline);
            case ScanInput.ChatFile file -> parseChatFile(file);
        };
    }

    /** Parses a raw message; never throws. */
    public ParseResult parseMail(byte[] raw, Deadline deadline) {
        MessageAccumulator message = new MessageAccumulator(limits, deadline);
        int length = raw.length;
        if (length > limits.maxMessageBytes()) {
            message.issue(ParseIssue.Kind.MESSAGE_TOO_LARGE, "over " + limits.maxMessageBytes() + " bytes");
            length = limits.maxMessageBytes();
        }
        try {
            readTokens(new ByteArrayInputStream(raw, 0, length), message, deadline);
        } catch (MimeException | IOException | RuntimeException e) {
            message.issue(kindOf(e), rootCause(e).getClass().getSimpleName());
        }
        return message.build();
    }

    /** A chat file as a message with no headers, the sender as From, and the file as its one attachment. */
    public ParseResult parseChatFile(ScanInput.ChatFile file) {
        MessageAccumulator message = new MessageAccumulator(limits, Deadline.none());
        // A chat user id is not an address; it stays the display name so that rules can still see it.
        message.from(file.sender().contains("@") ? new Address("", file.sender()) : new Address(file.sender(), ""));
        BoundedContent content = BoundedContent.of(file.bytes(), limits.maxPartBytes());
        if (content.truncated()) {
            message.issue(ParseIssue.Kind.PART_TOO_LARGE, "file over " + limits.maxPartBytes() + " bytes");
        }
        message.attachment(new Attachment(
                file.name(),
                "application/octet-stream",
                content.bytes(),
                content.truncated(),
                content.sha256(),
                false,
                ""));
        return message.build();
    }

    private void readTokens(ByteArrayInputStream in, MessageAccumulator message, Deadline deadline)
            throws IOException, MimeException {
        MimeTokenStream tokens =
                new MimeTokenStream(mimeConfig, DecodeMonitor.SILENT, new DefaultBodyDescriptorBuilder());
        tokens.setRecursionMode(RecursionMode.M_RECURSE);
        tokens.parse(in);
        boolean topHeader = true;
        for (EntityState state = tokens.getState(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
            if (deadline.expired()) {
                message.issue(ParseIssue.Kind.TIME_BUDGET, "mime parsing stopped");
                return;
            }
            switch (state) {
                case T_FIELD -> {
                    if (topHeader) {
                        field(tokens.getField(), message);
                    }
                }
                case T_END_HEADER -> topHeader = false;
                case T_BODY -> new PartReader(limits, message, deadline).read(tokens);
                default -> {
                    // Container boundaries, preambles and epilogues carry nothing we keep.
                }
            }
        }
    }

    private static void field(Field field, MessageAccumulator message) {
        String raw = field.getRaw() == null
                ? field.getName() + ": " + Optional.ofNullable(field.getBody()).orElse("")
                : TextDecoder.decodeHeader(field.getRaw().toByteArray());
        int colon = raw.indexOf(':');
        if (colon <= 0) {
            message.issue(ParseIssue.Kind.MALFORMED, "header without a name");
            return;
        }
        message.header(raw.substring(0, colon), HeaderDecoder.unfold(raw.substring(colon + 1)));
    }

    /** The kind of a parse failure; mime4j wraps its limit exceptions, so the causes are searched. */
    private static ParseIssue.Kind kindOf(Exception failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            ParseIssue.Kind kind = switch (e) {
                case MaxNestingDepthLimitException ignored -> ParseIssue.Kind.MIME_TOO_DEEP;
                case MaxPartCountLimitException ignored -> ParseIssue.Kind.TOO_MANY_PARTS;
                case MaxHeaderLimitException ignored -> ParseIssue.Kind.TOO_MANY_HEADERS;
                case MaxHeaderLengthLimitException ignored -> ParseIssue.Kind.HEADER_TOO_LONG;
                case MaxLineLimitException ignored -> ParseIssue.Kind.HEADER_TOO_LONG;
                default -> null;
            };
            if (kind != null) {
                return kind;
            }
        }
        return ParseIssue.Kind.MALFORMED;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** Reads one leaf part: text and HTML into the body, everything else as an attachment. */
    private record PartReader(ParseLimits limits, MessageAccumulator message, Deadline deadline) {

        void read(MimeTokenStream tokens) throws IOException {
            MaximalBodyDescriptor descriptor = (MaximalBodyDescriptor) tokens.getBodyDescriptor();
            String type = lower(descriptor.getMimeType());
            String name = fileName(descriptor);
            String disposition = lower(descriptor.getContentDispositionType());
            BoundedContent content =
                    BoundedContent.read(tokens.getDecodedInputStream(), limits.maxPartBytes(), deadline);
            if (content.stopped()) {
                message.issue(ParseIssue.Kind.TIME_BUDGET, "part not read to its end");
            } else if (content.truncated()) {
                message.issue(ParseIssue.Kind.PART_TOO_LARGE, "part over " + limits.maxPartBytes() + " bytes");
            }
            byte[] kept = message.reserve(content.bytes().length) ? content.bytes() : new byte[0];
            boolean body = name.isEmpty() && !"attachment".equals(disposition);
            if (body && type.equals("text/plain")) {
                message.text(TextDecoder.decode(kept, kept.length, charset(descriptor)));
            } else if (body && type.equals("text/html")) {
                message.html(TextDecoder.decode(kept, kept.length, charset(descriptor)));
            } else {
                String contentId =
                        Optional.ofNullable(descriptor.getContentId()).orElse("");
                contentId = contentId.replace("<", "").replace(">", "").strip();
                boolean inline = "inline".equals(disposition) || !contentId.isEmpty();
                boolean truncated = content.stopped() || kept.length < content.totalLength();
                message.attachment(new Attachment(name, type, kept, truncated, content.sha256(), inline, contentId));
            }
        }

        private Charset charset(MaximalBodyDescriptor descriptor) {
            // The descriptor defaults a missing charset to us-ascii; only a declared one counts here.
            String declared = descriptor.getContentTypeParameters().get("charset");
            if (declared == null || declared.isBlank()) {
                return null;
            }
            Optional<Charset> charset = TextDecoder.charset(declared);
            if (charset.isEmpty()) {
                message.issue(ParseIssue.Kind.MALFORMED, "unknown charset " + cut(declared));
                return null;
            }
            // Mail labelled us-ascii often carries 8-bit text; a guess reads it better than replacement marks.
            return charset.get().equals(StandardCharsets.US_ASCII) ? null : charset.get();
        }

        private static String fileName(MaximalBodyDescriptor descriptor) {
            String name = descriptor.getContentDispositionFilename();
            if (name == null || name.isBlank()) {
                name = descriptor.getContentTypeParameters().get("name");
            }
            return name == null ? "" : HeaderDecoder.decodeWords(name).strip();
        }

        private static String lower(String value) {
            return value == null ? "" : value.toLowerCase(Locale.ROOT);
        }

        private static String cut(String value) {
            String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
            return printable.length() <= 40 ? printable : printable.substring(0, 40);
        }
    }
}
