package io.palisade.detection.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Optional;

/** Turns bytes into text by a declared charset, guessing when the declaration is missing or unknown. */
final class TextDecoder {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final int MAX_CHARSET_NAME = 64;

    private TextDecoder() {}

    /** The charset of this name, or empty when the name is missing, malformed or unknown to the JDK. */
    static Optional<Charset> charset(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_CHARSET_NAME) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(name.trim().replace("\"", "")));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    /**
     * Decodes bytes with the declared charset; without a usable declaration, as UTF-8 when the bytes are valid
     * UTF-8, else as windows-1252 (which maps every byte). Malformed sequences become U+FFFD.
     */
    static String decode(byte[] bytes, int length, Charset declared) {
        Charset charset = declared != null ? declared : guess(bytes, length);
        return new String(bytes, 0, length, charset);
    }

    /** Decodes header bytes: UTF-8 when valid (RFC 6532 headers), else windows-1252. */
    static String decodeHeader(byte[] bytes) {
        return new String(bytes, guess(bytes, bytes.length));
    }

    private static Charset guess(byte[] bytes, int length) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return WINDOWS_1252;
        }
    }
}
