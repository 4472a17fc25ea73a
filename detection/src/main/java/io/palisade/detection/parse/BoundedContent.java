package io.palisade.detection.parse;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The decoded content of one part: at most a limit of bytes kept, the SHA-256 over everything read.
 *
 * @param bytes the kept bytes (exactly {@code length} long)
 * @param totalLength how many bytes the part decoded to
 * @param sha256 lower-case hex SHA-256 of all decoded bytes; empty when the deadline stopped the reading, since a
 *     hash of a prefix would match no indicator and mislead
 * @param stopped whether the deadline stopped the reading before the end of the part
 */
record BoundedContent(byte[] bytes, long totalLength, String sha256, boolean stopped) {

    private static final int CHUNK = 8192;

    boolean truncated() {
        return stopped || totalLength > bytes.length;
    }

    /**
     * Reads a stream to its end, keeping at most {@code keep} bytes and hashing all of them. The stream is bounded
     * by the raw message size, so reading it to the end is bounded too; the deadline stops it earlier.
     */
    static BoundedContent read(InputStream in, int keep, Deadline deadline) throws IOException {
        MessageDigest digest = newDigest();
        byte[] kept = new byte[Math.min(keep, CHUNK)];
        int length = 0;
        long total = 0;
        byte[] chunk = new byte[CHUNK];
        boolean stopped = false;
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            if (deadline.expired()) {
                stopped = true;
                break;
            }
            digest.update(chunk, 0, n);
            total += n;
            int room = Math.min(n, keep - length);
            if (room > 0) {
                if (length + room > kept.length) {
                    kept = Arrays.copyOf(kept, (int) Math.min(keep, Math.max(kept.length * 2L, length + room)));
                }
                System.arraycopy(chunk, 0, kept, length, room);
                length += room;
            }
        }
        String hash = stopped ? "" : HexFormat.of().formatHex(digest.digest());
        return new BoundedContent(Arrays.copyOf(kept, length), total, hash, stopped);
    }

    /** Wraps bytes already in memory, keeping at most {@code keep}. */
    static BoundedContent of(byte[] all, int keep) {
        String hash = HexFormat.of().formatHex(newDigest().digest(all));
        return new BoundedContent(Arrays.copyOf(all, Math.min(keep, all.length)), all.length, hash, false);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
