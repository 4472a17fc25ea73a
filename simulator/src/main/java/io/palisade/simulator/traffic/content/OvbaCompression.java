package io.palisade.simulator.traffic.content;

import java.io.ByteArrayOutputStream;

/**
 * The MS-OVBA compressed container (section 2.4.1) that VBA streams use, for data that fits one chunk. The chunk
 * holds literal tokens only, which every decompressor accepts; it does not look for repeats, so it does not shrink
 * the data.
 */
final class OvbaCompression {

    /** Eight literals per flag byte: 3640 bytes make a chunk of 4097 bytes, within the 4098 the format allows. */
    static final int MAX_INPUT = 3640;

    private OvbaCompression() {}

    static byte[] compress(byte[] data) {
        if (data.length == 0 || data.length > MAX_INPUT) {
            throw new IllegalArgumentException(
                    "a single VBA chunk holds 1 to " + MAX_INPUT + " bytes, got " + data.length);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < data.length; i += 8) {
            body.write(0x00);
            body.write(data, i, Math.min(8, data.length - i));
        }
        int chunkSize = body.size() + 2;
        int header = 0x8000 | 0x3000 | (chunkSize - 3);

        ByteArrayOutputStream out = new ByteArrayOutputStream(chunkSize + 1);
        out.write(0x01);
        out.write(header & 0xff);
        out.write(header >>> 8);
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }
}
