package io.palisade.detection.analysis.attachment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens zip archives (java.util.zip) with bounds: nesting depth, entry count, bytes decompressed and compression
 * ratio. Reports encrypted entries (read from the central directory, since encrypted content cannot be opened),
 * dangerous entries, nested archives, and the SHA-256 of every entry for indicator lookups.
 */
final class ArchiveInspector {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveInspector.class);

    static final int MAX_DEPTH = 3;
    static final int MAX_ENTRIES = 1000;
    static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024;
    static final int MAX_BUFFERED_ENTRY = 8 * 1024 * 1024;

    /** Decompressed over compressed size from which an archive counts as a decompression bomb. */
    static final long BOMB_RATIO = 100;

    static final long BOMB_MIN_BYTES = 8L * 1024 * 1024;

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
    private static final int CENTRAL_DIRECTORY_HEADER = 0x02014b50;

    /**
     * What an archive holds.
     *
     * @param entries every entry read, with its hash, never null
     * @param encrypted whether an entry is encrypted
     * @param bomb whether the archive exceeded a decompression bound
     * @param depth the deepest nesting found (1 for a plain archive)
     * @param dangerous the names of dangerous entries, never null
     */
    record Report(List<Entry> entries, boolean encrypted, boolean bomb, int depth, List<String> dangerous) {}

    /**
     * One archive entry.
     *
     * @param path the entry's path inside the archive
     * @param sha256 lower-case hex SHA-256 of its content (of the bytes read, when cut by a bound)
     */
    record Entry(String path, String sha256) {}

    private ArchiveInspector() {}

    static boolean isZip(byte[] content) {
        return OfficeMacros.startsWith(content, ZIP_MAGIC);
    }

    static Report inspect(byte[] zip) {
        State state = new State(zip.length);
        read(zip, 1, state);
        return new Report(
                List.copyOf(state.entries), state.encrypted, state.bomb, state.depth, List.copyOf(state.dangerous));
    }

    private static final class State {
        final long archiveBytes;
        final List<Entry> entries = new ArrayList<>();
        final List<String> dangerous = new ArrayList<>();
        boolean encrypted;
        boolean bomb;
        int depth;
        long totalBytes;

        State(long archiveBytes) {
            this.archiveBytes = archiveBytes;
        }
    }

    private static void read(byte[] zip, int depth, State state) {
        state.depth = Math.max(state.depth, depth);
        state.encrypted |= hasEncryptedEntry(zip);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (state.entries.size() >= MAX_ENTRIES) {
                    state.bomb = true;
                    return;
                }
                if (!entry.isDirectory()) {
                    readEntry(entry.getName(), in, depth, state);
                }
                if (state.bomb) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug(
                    "attachment.inspect kind=zip depth={} outcome=stopped error={}",
                    depth,
                    e.getClass().getSimpleName());
        }
    }

    private static void readEntry(String path, InputStream in, int depth, State state) throws IOException {
        MessageDigest digest = sha256();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            digest.update(chunk, 0, n);
            state.totalBytes += n;
            if (buffer.size() < MAX_BUFFERED_ENTRY) {
                buffer.write(chunk, 0, Math.min(n, MAX_BUFFERED_ENTRY - buffer.size()));
            }
            if (state.totalBytes > MAX_TOTAL_BYTES || isBomb(state)) {
                state.bomb = true;
                return;
            }
        }
        state.entries.add(new Entry(path, HexFormat.of().formatHex(digest.digest())));
        byte[] content = buffer.toByteArray();
        if (DangerousFiles.byExtension(DangerousFiles.extension(path)).isPresent()
                || DangerousFiles.byContent(content).isPresent()) {
            state.dangerous.add(path);
        }
        if (isZip(content) && depth < MAX_DEPTH) {
            read(content, depth + 1, state);
        } else if (isZip(content)) {
            state.depth = depth + 1;
        }
    }

    private static boolean isBomb(State state) {
        return state.totalBytes > BOMB_MIN_BYTES && state.totalBytes / Math.max(state.archiveBytes, 1) > BOMB_RATIO;
    }

    /** Reads the general-purpose flags of every central directory header; bit 0 marks an encrypted entry. */
    static boolean hasEncryptedEntry(byte[] zip) {
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = findEndOfCentralDirectory(buffer);
        if (end < 0) {
            return false;
        }
        int count = buffer.getShort(end + 10) & 0xFFFF;
        long offset = buffer.getInt(end + 16) & 0xFFFFFFFFL;
        int position = (int) Math.min(offset, zip.length);
        for (int i = 0; i < count && position + 46 <= zip.length; i++) {
            if (buffer.getInt(position) != CENTRAL_DIRECTORY_HEADER) {
                return false;
            }
            if ((buffer.getShort(position + 8) & 1) != 0) {
                return true;
            }
            int nameLength = buffer.getShort(position + 28) & 0xFFFF;
            int extraLength = buffer.getShort(position + 30) & 0xFFFF;
            int commentLength = buffer.getShort(position + 32) & 0xFFFF;
            position += 46 + nameLength + extraLength + commentLength;
        }
        return false;
    }

    private static int findEndOfCentralDirectory(ByteBuffer buffer) {
        int lowest = Math.max(0, buffer.limit() - 22 - 0xFFFF);
        for (int i = buffer.limit() - 22; i >= lowest; i--) {
            if (buffer.getInt(i) == END_OF_CENTRAL_DIRECTORY) {
                return i;
            }
        }
        return -1;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
