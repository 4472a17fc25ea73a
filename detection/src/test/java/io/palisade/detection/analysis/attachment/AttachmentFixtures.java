package io.palisade.detection.analysis.attachment;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** Builds real files for the attachment tests: PE stubs, zips, OLE2 and OOXML documents, PDFs and QR images. */
final class AttachmentFixtures {
    private AttachmentFixtures() {}

    /** The start of a Windows PE file: "MZ" header pointing to a "PE" signature. */
    static byte[] windowsExecutable() {
        byte[] pe = new byte[512];
        pe[0] = 'M';
        pe[1] = 'Z';
        pe[0x3c] = (byte) 0x80;
        pe[0x80] = 'P';
        pe[0x81] = 'E';
        return pe;
    }

    /** The 76-byte header of a Windows shell link (.lnk). */
    static byte[] windowsShortcut() {
        byte[] lnk = new byte[76];
        lnk[0] = 0x4C;
        lnk[4] = 0x01;
        lnk[5] = 0x14;
        lnk[6] = 0x02;
        lnk[12] = (byte) 0xC0;
        lnk[19] = 0x46;
        return lnk;
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A zip whose entries carry the "encrypted" flag in their local and central headers, as ZipCrypto sets it. */
    static byte[] encryptedZip() {
        byte[] zip = zip(Map.of("salary.xlsx", "secret".getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i + 4 <= zip.length; i++) {
            boolean local = zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4;
            boolean central = zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2;
            if (local) {
                zip[i + 6] |= 1;
            } else if (central) {
                zip[i + 8] |= 1;
            }
        }
        return zip;
    }

    static byte[] ole2(String... storages) {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            fs.createDocument(new ByteArrayInputStream(new byte[64]), "WordDocument");
            for (String storage : storages) {
                fs.getRoot().createDirectory(storage).createDocument("dir", new ByteArrayInputStream(new byte[16]));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pdf(Consumer<PDDocument> decorate, String text) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream stream = new PDPageContentStream(document, page)) {
                stream.beginText();
                stream.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                stream.newLineAtOffset(72, 760);
                stream.showText(text);
                stream.endText();
            }
            decorate.accept(document);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Consumer<PDDocument> linkTo(String url) {
        return document -> {
            PDAnnotationLink link = new PDAnnotationLink();
            link.setRectangle(new PDRectangle(72, 700, 200, 20));
            PDActionURI action = new PDActionURI();
            action.setURI(url);
            link.setAction(action);
            try {
                document.getPage(0).getAnnotations().add(link);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    static Consumer<PDDocument> qrCodeOnPage(String text) {
        return document -> {
            try {
                PDPage page = document.getPage(0);
                var image = LosslessFactory.createFromImage(document, qrImage(text));
                try (PDPageContentStream stream =
                        new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true)) {
                    stream.drawImage(image, 72, 400, 200, 200);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    static BufferedImage qrImage(String text) {
        try {
            return MatrixToImageWriter.toBufferedImage(
                    new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 300, 300));
        } catch (WriterException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BufferedImage gradient() {
        BufferedImage image = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 300; x++) {
            for (int y = 0; y < 200; y++) {
                image.setRGB(x, y, (x * 255 / 300) << 16 | (y * 255 / 200) << 8 | 128);
            }
        }
        return image;
    }
}
