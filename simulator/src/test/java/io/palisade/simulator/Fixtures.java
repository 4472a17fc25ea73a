package io.palisade.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test fixtures kept under {@code src/test/resources}. */
public final class Fixtures {

    private Fixtures() {}

    public static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /** A small message with a unique Message-ID and the given subject. */
    public static byte[] message(String messageId, String subject) {
        String mime = "From: \"Carol\" <carol@fabrikam.example>\r\n"
                + "To: someone@contoso.example\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Thu, 12 Nov 2026 08:00:00 +0000\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Body of " + subject + "\r\n";
        return mime.getBytes(StandardCharsets.UTF_8);
    }
}
