package io.palisade.detection.rules;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MimeTypes;

/** The type of a file by its content (magic bytes), ignoring its name and declared type. Thread-safe. */
final class TypeDetector {

    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();
    /** Magic bytes sit at the start of a file; the whole of a large one is not needed. */
    private static final int SNIFF_BYTES = 64 * 1024;

    private TypeDetector() {}

    static String detect(byte[] content) {
        if (content.length == 0) {
            return "";
        }
        try (InputStream in = new ByteArrayInputStream(content, 0, Math.min(content.length, SNIFF_BYTES))) {
            return TYPES.detect(in, new Metadata()).getBaseType().toString();
        } catch (IOException e) {
            // A byte array cannot fail to read; the type stays unknown if it somehow does.
            return "application/octet-stream";
        }
    }
}
