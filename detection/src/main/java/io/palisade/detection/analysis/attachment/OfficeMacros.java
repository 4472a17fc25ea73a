package io.palisade.detection.analysis.attachment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.Entry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds VBA or Excel 4.0 macros in Office files: the {@code _VBA_PROJECT_CUR}, {@code VBA} or {@code Macros}
 * storages of OLE2 files (read with Apache POI) and the {@code vbaProject.bin} part or macro sheets of OOXML zips.
 */
final class OfficeMacros {
    private static final Logger LOG = LoggerFactory.getLogger(OfficeMacros.class);
    private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};
    private static final Set<String> MACRO_STORAGES = Set.of("_vba_project_cur", "_vba_project", "vba", "macros");
    private static final int MAX_OOXML_ENTRIES = 2000;
    private static final int MAX_DEPTH = 6;

    private OfficeMacros() {}

    static boolean isOle2(byte[] content) {
        return startsWith(content, OLE2_MAGIC);
    }

    /** What an OLE2 file holds: macros, or nothing readable. */
    enum Ole2 {
        MACROS,
        NO_MACROS,
        UNREADABLE
    }

    /** Whether an OLE2 compound file holds a macro storage, or cannot be read. */
    static Ole2 inspectOle2(byte[] content) {
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(content))) {
            return hasMacroStorage(fs.getRoot(), 0) ? Ole2.MACROS : Ole2.NO_MACROS;
        } catch (IOException | RuntimeException e) {
            LOG.info(
                    "attachment.inspect kind=ole2 outcome=unreadable error={}",
                    e.getClass().getSimpleName());
            return Ole2.UNREADABLE;
        }
    }

    /** Whether an OOXML (zip) document carries a VBA project or Excel 4.0 macro sheets. */
    static boolean ooxmlHasMacros(byte[] content) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            for (int i = 0; i < MAX_OOXML_ENTRIES && (entry = zip.getNextEntry()) != null; i++) {
                String name = entry.getName().toLowerCase(Locale.ROOT);
                if (name.endsWith("vbaproject.bin") || name.startsWith("xl/macrosheets/")) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug(
                    "attachment.inspect kind=ooxml outcome=unreadable error={}",
                    e.getClass().getSimpleName());
        }
        return false;
    }

    private static boolean hasMacroStorage(DirectoryEntry directory, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        for (Entry entry : directory) {
            if (entry.isDirectoryEntry()) {
                if (MACRO_STORAGES.contains(entry.getName().toLowerCase(Locale.ROOT))
                        || hasMacroStorage((DirectoryEntry) entry, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
