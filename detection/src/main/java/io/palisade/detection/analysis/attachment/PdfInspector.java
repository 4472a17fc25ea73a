package io.palisade.detection.analysis.attachment;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDAction;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a PDF with PDFBox for what phishing and malware use: JavaScript (document, page and annotation actions,
 * the names tree), launch actions, and links; and renders its first pages at a bounded size for QR codes. A PDF
 * that PDFBox cannot open is searched for the same keywords in its raw bytes.
 */
final class PdfInspector {
    private static final Logger LOG = LoggerFactory.getLogger(PdfInspector.class);

    /** Pages past these are not read or rendered: lures put their bait on the first page. */
    static final int MAX_PAGES_READ = 20;

    static final int MAX_PAGES_RENDERED = 2;
    static final int MAX_RENDER_PIXELS = 1600;

    /**
     * What a PDF contains.
     *
     * @param javascript whether it runs JavaScript
     * @param launch whether it launches a program or file
     * @param links the URLs of its links, in order, never null
     * @param pages the page count, or 0 when unreadable
     * @param images the first pages rendered for QR decoding, never null
     * @param readable whether PDFBox could open it (when not, only the raw keyword search ran)
     */
    record Report(
            boolean javascript,
            boolean launch,
            List<String> links,
            int pages,
            List<BufferedImage> images,
            boolean readable) {}

    private PdfInspector() {}

    static Report inspect(byte[] content, boolean render) {
        try (PDDocument document = Loader.loadPDF(content)) {
            return read(document, render);
        } catch (IOException | RuntimeException e) {
            LOG.info(
                    "attachment.inspect kind=pdf outcome=unreadable fallback=raw-scan error={}",
                    e.getClass().getSimpleName());
            return rawScan(content);
        }
    }

    private static Report read(PDDocument document, boolean render) throws IOException {
        PDDocumentCatalog catalog = document.getDocumentCatalog();
        Set<String> links = new LinkedHashSet<>();
        boolean[] flags = new boolean[2];
        COSDictionary root = catalog.getCOSObject();
        visitAction(root.getDictionaryObject(COSName.OPEN_ACTION), flags, links);
        visitAction(root.getDictionaryObject(COSName.AA), flags, links);
        if (catalog.getNames() != null && catalog.getNames().getJavaScript() != null) {
            flags[0] = true;
        }
        int pageIndex = 0;
        for (PDPage page : document.getPages()) {
            if (pageIndex++ >= MAX_PAGES_READ) {
                break;
            }
            visitAction(page.getCOSObject().getDictionaryObject(COSName.AA), flags, links);
            for (PDAnnotation annotation : page.getAnnotations()) {
                readAnnotation(annotation, flags, links);
            }
        }
        List<BufferedImage> images = render ? renderPages(document) : List.of();
        return new Report(flags[0], flags[1], List.copyOf(links), document.getNumberOfPages(), images, true);
    }

    private static void readAnnotation(PDAnnotation annotation, boolean[] flags, Set<String> links) {
        COSDictionary dictionary = annotation.getCOSObject();
        visitAction(dictionary.getDictionaryObject(COSName.A), flags, links);
        visitAction(dictionary.getDictionaryObject(COSName.AA), flags, links);
        if (annotation instanceof PDAnnotationLink link) {
            try {
                PDAction action = link.getAction();
                if (action instanceof PDActionURI uri && uri.getURI() != null) {
                    links.add(uri.getURI());
                }
            } catch (RuntimeException e) {
                LOG.debug(
                        "attachment.inspect kind=pdf-link outcome=unreadable error={}",
                        e.getClass().getSimpleName());
            }
        }
    }

    /** Walks an action dictionary (and its /Next chain, and the entries of an additional-actions dictionary). */
    private static void visitAction(COSBase base, boolean[] flags, Set<String> links) {
        visitAction(base, flags, links, 0);
    }

    private static void visitAction(COSBase base, boolean[] flags, Set<String> links, int depth) {
        if (!(base instanceof COSDictionary action) || depth > 8) {
            return;
        }
        String type = action.getNameAsString(COSName.S);
        if ("JavaScript".equals(type)) {
            flags[0] = true;
        } else if ("Launch".equals(type)) {
            flags[1] = true;
        } else if ("URI".equals(type) && action.getString(COSName.URI) != null) {
            links.add(action.getString(COSName.URI));
        }
        if (type == null) {
            for (COSName key : action.keySet()) {
                visitAction(action.getDictionaryObject(key), flags, links, depth + 1);
            }
        }
        visitAction(action.getDictionaryObject(COSName.NEXT), flags, links, depth + 1);
    }

    private static List<BufferedImage> renderPages(PDDocument document) {
        List<BufferedImage> images = new ArrayList<>();
        PDFRenderer renderer = new PDFRenderer(document);
        int pages = Math.min(document.getNumberOfPages(), MAX_PAGES_RENDERED);
        for (int i = 0; i < pages; i++) {
            try {
                float longest = Math.max(
                        document.getPage(i).getMediaBox().getWidth(),
                        document.getPage(i).getMediaBox().getHeight());
                float scale = Math.min(3f, MAX_RENDER_PIXELS / Math.max(longest, 1f));
                images.add(renderer.renderImage(i, scale, ImageType.GRAY));
            } catch (IOException | RuntimeException e) {
                LOG.debug(
                        "attachment.inspect kind=pdf-render page={} error={}",
                        i,
                        e.getClass().getSimpleName());
            }
        }
        return images;
    }

    private static Report rawScan(byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        boolean javascript = text.contains("/JavaScript") || text.contains("/JS");
        return new Report(javascript, text.contains("/Launch"), List.of(), 0, List.of(), false);
    }
}
