package io.palisade.simulator.state;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** MIME bytes kept deflated in memory; mail text usually shrinks to a third or less. */
public final class CompressedMime implements MimeSource {

    private final byte[] deflated;
    private final int size;

    private CompressedMime(byte[] deflated, int size) {
        this.deflated = deflated;
        this.size = size;
    }

    /** Compresses a message. */
    public static CompressedMime of(byte[] mime) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(mime);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, mime.length / 3));
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return new CompressedMime(out.toByteArray(), mime.length);
        } finally {
            deflater.end();
        }
    }

    @Override
    public byte[] bytes() {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(deflated);
            byte[] out = new byte[size];
            int n = 0;
            while (n < size && !inflater.finished()) {
                n += inflater.inflate(out, n, size - n);
            }
            return out;
        } catch (DataFormatException e) {
            throw new IllegalStateException("stored MIME is corrupt", e);
        } finally {
            inflater.end();
        }
    }

    @Override
    public int size() {
        return size;
    }

    /** Bytes held in memory for the body. */
    public int storedSize() {
        return deflated.length;
    }
}
