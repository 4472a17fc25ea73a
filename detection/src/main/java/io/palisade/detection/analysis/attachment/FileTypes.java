package io.palisade.detection.analysis.attachment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * True file types by content (Apache Tika's magic-byte detector) and by file name, and whether the two agree.
 * Thread-safe: Tika's default {@link MimeTypes} is immutable once loaded.
 */
public final class FileTypes {
    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();
    private static final MediaTypeRegistry REGISTRY = TYPES.getMediaTypeRegistry();

    /** Types that run code when opened on Windows or macOS. */
    private static final Set<String> EXECUTABLE_TYPES = Set.of(
            "application/x-msdownload",
            "application/x-dosexec",
            "application/x-ms-installer",
            "application/x-msi",
            "application/x-executable",
            "application/x-elf",
            "application/x-mach-o-executable",
            "application/java-archive",
            "application/x-java-archive");

    private static final Set<MediaType> UNINFORMATIVE =
            Set.of(MediaType.OCTET_STREAM, MediaType.TEXT_PLAIN, MediaType.EMPTY, MediaType.application("xml"));

    private FileTypes() {}

    /** The type Tika finds in the first bytes of the content (magic only, the name is ignored). */
    public static MediaType byContent(byte[] content) {
        try {
            return TYPES.detect(new ByteArrayInputStream(content), new Metadata())
                    .getBaseType();
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
    }

    /** The type a file name suggests, or {@code application/octet-stream}. */
    public static MediaType byName(String name) {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        try {
            return TYPES.detect(null, metadata).getBaseType();
        } catch (IOException e) {
            throw new UncheckedIOException("detection by name reads nothing", e);
        }
    }

    /** Whether a type runs code when opened (Windows executables, installers, ELF, Mach-O, Java archives). */
    public static boolean isExecutable(MediaType type) {
        for (MediaType t = type; t != null; t = REGISTRY.getSupertype(t)) {
            if (EXECUTABLE_TYPES.contains(t.getBaseType().toString())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the type found in the content contradicts the one the name suggests: both are specific and neither is
     * a kind of the other (a {@code .docx} is a zip, so zip content agrees with it).
     */
    public static boolean contradicts(MediaType byContent, MediaType byName) {
        if (UNINFORMATIVE.contains(byContent) || UNINFORMATIVE.contains(byName)) {
            return false;
        }
        if (byContent.getType().equals("image") && byName.getType().equals("image")) {
            return false;
        }
        return !REGISTRY.isInstanceOf(byContent, byName) && !REGISTRY.isInstanceOf(byName, byContent);
    }

    /** Whether a type is the given one or a kind of it. */
    public static boolean isKindOf(MediaType type, String base) {
        return REGISTRY.isInstanceOf(type, MediaType.parse(base));
    }
}
