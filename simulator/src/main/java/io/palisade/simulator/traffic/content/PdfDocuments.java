package io.palisade.simulator.traffic.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** One-page PDF documents (invoices, notes) written with PDFBox. */
public final class PdfDocuments {

    private static final float MARGIN = 56;
    private static final float LEADING = 16;
    // Made once: each construction looks up a system font for glyph rendering and logs when it falls back.
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

    private PdfDocuments() {}

    /**
     * A one-page PDF with a bold title and lines of text. Only characters of WinAnsiEncoding print; others are
     * replaced by {@code ?}.
     */
    public static byte[] page(String title, List<String> lines) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                writeText(content, page.getMediaBox().getHeight(), title, lines);
            }
            fixIdentity(document, title, lines);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a PDF titled " + title, e);
        }
    }

    private static void writeText(PDPageContentStream content, float height, String title, List<String> lines)
            throws IOException {
        content.beginText();
        content.setFont(BOLD, 16);
        content.setLeading(LEADING);
        content.newLineAtOffset(MARGIN, height - MARGIN);
        content.showText(printable(title));
        content.newLine();
        content.newLine();
        content.setFont(REGULAR, 11);
        for (String line : lines) {
            content.showText(printable(line));
            content.newLine();
        }
        content.endText();
    }

    /** PDFBox would otherwise derive the trailer ID from the clock; a content hash keeps output reproducible. */
    private static void fixIdentity(PDDocument document, String title, List<String> lines) {
        byte[] digest = sha256(title + "\n" + String.join("\n", lines));
        byte[] id = java.util.Arrays.copyOf(digest, 16);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        document.getDocument().getTrailer().setItem(COSName.ID, ids);
        document.getDocumentInformation().setTitle(title);
        document.getDocumentInformation().setProducer("Palisade traffic generator");
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.append(c < 0x100 && c >= 0x20 || c == 0x20AC ? (char) c : '?'));
        return out.toString();
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
