package io.palisade.simulator.traffic.content;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * A {@code vbaProject.bin}: an OLE2 compound file with the streams of MS-OVBA (PROJECT, PROJECTwm, VBA/dir,
 * VBA/_VBA_PROJECT and one standard module). Tools that read macro source (olevba, Apache POI's VBAMacroReader) read
 * it; Office compiles it from source since the performance cache is marked absent.
 */
final class VbaProjects {

    private static final Charset CP1252 = Charset.forName("windows-1252");
    private static final String HOST_EXTENDER = "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000";

    private VbaProjects() {}

    /** A VBA project with one standard module named {@code moduleName} holding {@code source}. */
    static byte[] withModule(String moduleName, String source, String projectGuid) {
        byte[] code = ("Attribute VB_Name = \"" + moduleName + "\"\r\n" + source).getBytes(CP1252);
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            fs.getRoot()
                    .createDocument(
                            "PROJECT",
                            stream(projectText(moduleName, projectGuid).getBytes(CP1252)));
            fs.getRoot().createDocument("PROJECTwm", stream(nameMap(moduleName)));
            DirectoryEntry vba = fs.getRoot().createDirectory("VBA");
            vba.createDocument(
                    "_VBA_PROJECT", stream(new byte[] {(byte) 0xCC, 0x61, (byte) 0xFF, (byte) 0xFF, 0, 0, 0}));
            vba.createDocument("dir", stream(OvbaCompression.compress(dirStream(moduleName))));
            vba.createDocument(moduleName, stream(OvbaCompression.compress(code)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a VBA project", e);
        }
    }

    private static ByteArrayInputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    // Not yet: the CMG, DPB and GC protection lines are left out; Office treats the project as unprotected.
    private static String projectText(String moduleName, String projectGuid) {
        return "ID=\"{" + projectGuid + "}\"\r\n"
                + "Module=" + moduleName + "\r\n"
                + "Name=\"VBAProject\"\r\n"
                + "HelpContextID=\"0\"\r\n"
                + "VersionCompatible32=\"393222000\"\r\n\r\n"
                + "[Host Extender Info]\r\n" + HOST_EXTENDER + "\r\n\r\n"
                + "[Workspace]\r\n" + moduleName + "=26, 26, 1062, 609, Z\r\n";
    }

    private static byte[] nameMap(String moduleName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(moduleName.getBytes(CP1252));
        out.write(0);
        out.writeBytes(moduleName.getBytes(StandardCharsets.UTF_16LE));
        out.writeBytes(new byte[] {0, 0, 0, 0});
        return out.toByteArray();
    }

    /** The decompressed dir stream: project information, no references, one module (MS-OVBA 2.3.4.2). */
    private static byte[] dirStream(String moduleName) {
        Records r = new Records();
        r.fixed(0x0001, 4, 1).fixed(0x0002, 4, 0x409).fixed(0x0014, 4, 0x409).fixed(0x0003, 2, 1252);
        r.bytes(0x0004, "VBAProject".getBytes(CP1252));
        r.pair(0x0005, 0x0040, "").pair(0x0006, 0x003D, "");
        r.fixed(0x0007, 4, 0).fixed(0x0008, 4, 0);
        r.id(0x0009).int32(4).int32(1_400_000_000).int16(6);
        r.pair(0x000C, 0x003C, "");
        r.fixed(0x000F, 2, 1).fixed(0x0013, 2, 0xFFFF);

        r.bytes(0x0019, moduleName.getBytes(CP1252));
        r.bytes(0x0047, moduleName.getBytes(StandardCharsets.UTF_16LE));
        r.pair(0x001A, 0x0032, moduleName).pair(0x001C, 0x0048, "");
        r.fixed(0x0031, 4, 0).fixed(0x001E, 4, 0).fixed(0x002C, 2, 0xFFFF);
        r.id(0x0021).int32(0);
        r.id(0x002B).int32(0);
        r.id(0x0010).int32(0);
        return r.toBytes();
    }

    /** Little-endian record writer for the dir stream. */
    private static final class Records {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Records id(int id) {
            return int16(id);
        }

        Records int16(int value) {
            out.write(value & 0xff);
            out.write((value >>> 8) & 0xff);
            return this;
        }

        Records int32(int value) {
            int16(value & 0xffff);
            return int16(value >>> 16);
        }

        Records fixed(int id, int size, int value) {
            id(id).int32(size);
            return size == 2 ? int16(value) : int32(value);
        }

        Records bytes(int id, byte[] data) {
            id(id).int32(data.length);
            out.writeBytes(data);
            return this;
        }

        Records pair(int id, int unicodeId, String text) {
            bytes(id, text.getBytes(CP1252));
            return bytes(unicodeId, text.getBytes(StandardCharsets.UTF_16LE));
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}
