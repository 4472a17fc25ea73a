package io.palisade.banners.inject;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.Base64OutputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.codec.QuotedPrintableOutputStream;

/** Content-Transfer-Encoding of rewritten text parts: decoding, choosing, encoding. */
final class TransferEncoding {
    static final String SEVEN_BIT = "7bit";
    static final String EIGHT_BIT = "8bit";
    static final String BINARY = "binary";
    static final String BASE64 = "base64";
    static final String QUOTED_PRINTABLE = "quoted-printable";

    private static final int MAX_LINE = 998;

    private TransferEncoding() {}

    /** The encoding name in lower case; a missing header means 7bit. */
    static String normalise(String encoding) {
        return encoding == null || encoding.isBlank()
                ? SEVEN_BIT
                : encoding.strip().toLowerCase(Locale.ROOT);
    }

    static boolean isKnown(String encoding) {
        return switch (encoding) {
            case SEVEN_BIT, EIGHT_BIT, BINARY, BASE64, QUOTED_PRINTABLE -> true;
            default -> false;
        };
    }

    /** Decodes leniently, as mail clients do: stray characters in base64 or quoted-printable are skipped. */
    static byte[] decode(byte[] raw, String encoding) throws IOException {
        InputStream plain = new ByteArrayInputStream(raw);
        try (InputStream in = switch (encoding) {
            case BASE64 -> new Base64InputStream(plain, DecodeMonitor.SILENT);
            case QUOTED_PRINTABLE -> new QuotedPrintableInputStream(plain, DecodeMonitor.SILENT);
            default -> plain;
        }) {
            return in.readAllBytes();
        }
    }

    /**
     * The encoding to write a rewritten part in: the part's own when the new bytes are valid in it, else
     * quoted-printable, which carries any bytes on any transport and keeps text readable in the source.
     */
    static String choose(String original, byte[] content) {
        return switch (original) {
            case BASE64, QUOTED_PRINTABLE, BINARY -> original;
            case EIGHT_BIT -> fitsLines(content, false) ? EIGHT_BIT : QUOTED_PRINTABLE;
            default -> fitsLines(content, true) ? SEVEN_BIT : QUOTED_PRINTABLE;
        };
    }

    static byte[] encode(byte[] content, String encoding) throws IOException {
        if (!BASE64.equals(encoding) && !QUOTED_PRINTABLE.equals(encoding)) {
            return content;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length * 4 / 3 + 64);
        try (OutputStream encoder =
                BASE64.equals(encoding) ? new Base64OutputStream(out) : new QuotedPrintableOutputStream(out, false)) {
            encoder.write(content);
        }
        return out.toByteArray();
    }

    /** Lines of at most 998 octets, no NUL, no bare CR, and (for 7bit) no octet above 127: RFC 2045 section 2. */
    private static boolean fitsLines(byte[] content, boolean sevenBit) {
        int lineLength = 0;
        for (int i = 0; i < content.length; i++) {
            int b = content[i] & 0xFF;
            if (b == 0 || (sevenBit && b > 127) || (b == '\r' && (i + 1 >= content.length || content[i + 1] != '\n'))) {
                return false;
            }
            lineLength = b == '\n' ? 0 : lineLength + 1;
            if (lineLength > MAX_LINE) {
                return false;
            }
        }
        return true;
    }
}
