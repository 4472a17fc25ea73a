package io.palisade.detection.analysis.attachment;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.tika.mime.MediaType;

/** Files that run code or carry other files past mail filters when opened, by extension and by magic bytes. */
final class DangerousFiles {
    /** Why a file is dangerous. */
    enum Kind {
        EXECUTABLE,
        SCRIPT,
        SHORTCUT,
        DISK_IMAGE
    }

    private static final Map<Kind, Set<String>> EXTENSIONS = Map.of(
            Kind.EXECUTABLE,
            Set.of(
                    "exe",
                    "dll",
                    "scr",
                    "com",
                    "pif",
                    "cpl",
                    "msi",
                    "msp",
                    "msc",
                    "jar",
                    "xll",
                    "appx",
                    "msix",
                    "appref-ms",
                    "gadget",
                    "application",
                    "sys",
                    "drv",
                    "ocx"),
            Kind.SCRIPT,
            Set.of(
                    "js", "jse", "vbs", "vbe", "vb", "wsf", "wsh", "wsc", "ps1", "psm1", "psd1", "bat", "cmd", "hta",
                    "reg", "sct", "inf", "chm", "jnlp", "ws"),
            Kind.SHORTCUT,
            Set.of("lnk", "url", "scf", "library-ms", "settingcontent-ms", "searchconnector-ms", "website"),
            Kind.DISK_IMAGE,
            Set.of("iso", "img", "vhd", "vhdx", "dmg", "udf"));

    private static final byte[] LNK_MAGIC = {0x4C, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00};

    private DangerousFiles() {}

    /** What makes a file dangerous, by its extension, or empty. */
    static Optional<Kind> byExtension(String extension) {
        return EXTENSIONS.entrySet().stream()
                .filter(e -> e.getValue().contains(extension))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** What makes a file dangerous, by its content (executables, Windows shortcuts, disk images), or empty. */
    static Optional<Kind> byContent(byte[] content) {
        return byContent(content, FileTypes.byContent(content));
    }

    /** As {@link #byContent(byte[])}, with the type already detected in the content. */
    static Optional<Kind> byContent(byte[] content, MediaType type) {
        if (OfficeMacros.startsWith(content, LNK_MAGIC)) {
            return Optional.of(Kind.SHORTCUT);
        }
        if (FileTypes.isExecutable(type)) {
            return Optional.of(Kind.EXECUTABLE);
        }
        if (FileTypes.isKindOf(type, "application/x-iso9660-image")) {
            return Optional.of(Kind.DISK_IMAGE);
        }
        return Optional.empty();
    }

    /** The extension of a path's last segment, lower case, or empty. */
    static String extension(String path) {
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1
                ? ""
                : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
