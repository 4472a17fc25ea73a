package io.palisade.banners.inject;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Parses and writes messages so that every part Palisade does not rewrite keeps its bytes: bodies stay in their
 * transfer encoding (no decode and re-encode), header fields keep their raw folding.
 */
final class MimeMessages {
    private static final MimeConfig CONFIG = new MimeConfig.Builder()
            .setStrictParsing(false)
            .setMaxLineLen(-1)
            .setMaxHeaderCount(2_000)
            .setMaxHeaderLen(256 * 1024)
            .setMaxContentLen(-1)
            .setMaxNestingDepth(BodyParts.MAX_DEPTH)
            .build();

    private MimeMessages() {}

    /**
     * Parses without decoding bodies: each single body holds its bytes exactly as transferred.
     *
     * @throws MalformedHeaderException when a header line is neither a field nor a continuation: the lenient
     *     parser would drop it, and a rewrite would lose it
     */
    static Message parse(byte[] mime) throws IOException {
        HeaderMonitor monitor = new HeaderMonitor();
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(CONFIG);
        builder.setDecodeMonitor(monitor);
        builder.setContentDecoding(false);
        Message message = builder.parseMessage(new ByteArrayInputStream(mime));
        if (monitor.invalidHeader) {
            throw new MalformedHeaderException();
        }
        return message;
    }

    /** A header line the parser could not read as a field. */
    static final class MalformedHeaderException extends IOException {
        MalformedHeaderException() {
            super("invalid header line");
        }
    }

    /** Notes mime4j's "invalid header" event, which its lenient mode reports and then drops the line. */
    private static final class HeaderMonitor extends DecodeMonitor {
        private boolean invalidHeader;

        @Override
        public boolean warn(String error, String dropDescription) {
            if (error != null && error.contains("Invalid header")) {
                invalidHeader = true;
            }
            return false;
        }

        @Override
        public boolean isListening() {
            return true;
        }
    }

    /**
     * Writes the message back. The writer frames parts with CRLF; when the original had no CR at all (a message
     * stored with bare LF line ends), the output is brought back to bare LF so that the lines stay uniform.
     */
    static byte[] write(Message message, boolean bareLf) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        new RawWriter().writeMessage(message, out);
        byte[] bytes = out.toByteArray();
        return bareLf ? toBareLf(bytes) : bytes;
    }

    static boolean hasNoCarriageReturn(byte[] mime) {
        for (byte b : mime) {
            if (b == '\r') {
                return false;
            }
        }
        return true;
    }

    private static byte[] toBareLf(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\r' || i + 1 >= bytes.length || bytes[i + 1] != '\n') {
                out.write(bytes[i]);
            }
        }
        return out.toByteArray();
    }

    /**
     * Single bodies are written as stored, already in their transfer encoding. A nested message/rfc822 is the
     * exception: mime4j decodes its transfer encoding to parse it, so the default writer encodes it again.
     */
    private static final class RawWriter extends DefaultMessageWriter {
        @Override
        public void writeEntity(Entity entity, OutputStream out) throws IOException {
            Body body = entity.getBody();
            if (body instanceof SingleBody single) {
                writeHeader(entity.getHeader(), out);
                single.writeTo(out);
            } else if (body instanceof Multipart multipart) {
                writeHeader(entity.getHeader(), out);
                writeMultipart(multipart, out);
            } else {
                super.writeEntity(entity, out);
            }
        }
    }
}
