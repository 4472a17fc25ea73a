package io.palisade.banners.inject;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finding a text part's charset and decoding and encoding without silently losing characters. */
final class PartCharsets {
    private static final Pattern META_CHARSET =
            Pattern.compile("<meta[^>]{0,200}?charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]{1,40})", Pattern.CASE_INSENSITIVE);
    private static final int SNIFF_BYTES = 4096;

    private PartCharsets() {}

    /** A part's text with the charset it was decoded in. */
    record Decoded(String text, Charset charset) {}

    /**
     * Decodes a part. A declared charset must decode strictly, except a declared US-ASCII, which real mail often
     * breaks with 8-bit text and is then treated as undeclared. Undeclared: the HTML meta charset, else strict
     * UTF-8, else windows-1252.
     *
     * @return empty when the declared charset is unknown to Java or the bytes are not valid in it
     */
    static Optional<Decoded> decode(byte[] bytes, String declared, boolean html) {
        if (declared != null && !declared.isBlank()) {
            Optional<Charset> charset = lookup(declared);
            if (charset.isEmpty()) {
                return Optional.empty();
            }
            Optional<Decoded> strict = strictly(bytes, charset.get());
            if (strict.isPresent() || !charset.get().equals(StandardCharsets.US_ASCII)) {
                return strict;
            }
        }
        for (Charset candidate : undeclaredCandidates(bytes, html)) {
            Optional<Decoded> decoded = strictly(bytes, candidate);
            if (decoded.isPresent()) {
                return decoded;
            }
        }
        return Optional.of(new Decoded(new String(bytes, StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1));
    }

    /** Whether {@code charset} can encode every character of {@code text}. */
    static boolean canEncode(Charset charset, String text) {
        if (charset.equals(StandardCharsets.UTF_8)) {
            // UTF-8 holds every character; a lone surrogate, the only failure, is caught when encoding.
            return true;
        }
        return charset.canEncode() && charset.newEncoder().canEncode(text);
    }

    /** Encodes strictly; a character the charset cannot hold is an error, never a silent '?'. */
    static byte[] encode(String text, Charset charset) throws CharacterCodingException {
        ByteBuffer buffer = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .encode(CharBuffer.wrap(text));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    static Optional<Charset> lookup(String name) {
        try {
            return Optional.of(Charset.forName(name.strip().replace("\"", "")));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            return Optional.empty();
        }
    }

    private static List<Charset> undeclaredCandidates(byte[] bytes, boolean html) {
        Optional<Charset> meta = html ? metaCharset(bytes) : Optional.empty();
        return meta.map(charset -> List.of(charset, StandardCharsets.UTF_8, Charset.forName("windows-1252")))
                .orElseGet(() -> List.of(StandardCharsets.UTF_8, Charset.forName("windows-1252")));
    }

    private static Optional<Charset> metaCharset(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, SNIFF_BYTES), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        return m.find() ? lookup(m.group(1)) : Optional.empty();
    }

    private static Optional<Decoded> strictly(byte[] bytes, Charset charset) {
        try {
            CharBuffer chars = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return Optional.of(new Decoded(chars.toString(), charset));
        } catch (CharacterCodingException | UnsupportedOperationException invalid) {
            return Optional.empty();
        }
    }
}
