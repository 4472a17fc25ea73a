package io.palisade.detection.rules;

import io.palisade.detection.analysis.attachment.QrCodes;
import io.palisade.detection.model.Attachment;
import io.palisade.detection.model.Link;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What rules may read inside attached images and PDFs: the links of PDF annotations, the QR codes of images and
 * of the first PDF pages, and the text of the first PDF pages. Costly (a PDF is opened and rendered), so the model
 * builds these only when a rule reads them; rules guard such reads with a cheap test first.
 */
final class AttachmentDocuments {

    private static final Logger LOG = LoggerFactory.getLogger(AttachmentDocuments.class);
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp");
    private static final int PAGES_READ = 3;
    private static final int PAGES_RENDERED = 2;
    private static final float MAX_RENDER_PIXELS = 1600f;
    private static final int MAX_LINKS = 100;

    private AttachmentDocuments() {}

    static boolean isPdf(Attachment attachment) {
        byte[] content = attachment.content();
        return content.length > 4 && content[0] == '%' && content[1] == 'P' && content[2] == 'D' && content[3] == 'F';
    }

    /** The web links and QR-code texts of one attachment, in file order; empty for other kinds of file. */
    static List<Link> links(Attachment attachment) {
        if (isPdf(attachment)) {
            return pdfLinks(attachment);
        }
        String declared = attachment.declaredType().toLowerCase(Locale.ROOT);
        if (IMAGE_EXTENSIONS.contains(attachment.extension()) || declared.startsWith("image/")) {
            return QrCodes.inImage(attachment.content()).stream()
                    .map(text -> new Link(text, "", Link.Source.QR_CODE))
                    .toList();
        }
        return List.of();
    }

    /** The text of the first pages of a PDF; empty when it cannot be read. */
    static String pdfText(Attachment attachment) {
        try (PDDocument document = Loader.loadPDF(attachment.content())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setEndPage(PAGES_READ);
            return stripper.getText(document);
        } catch (IOException | RuntimeException e) {
            LOG.debug("event=rule_model_pdf_unreadable error={}", e.getClass().getSimpleName());
            return "";
        }
    }

    // Not yet: the attachment analyzer has already read these links and QR codes but does not hand them to the
    // rule model, so a rule that reads them opens and renders the PDF a second time.
    private static List<Link> pdfLinks(Attachment attachment) {
        List<Link> links = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(attachment.content())) {
            int index = 0;
            for (PDPage page : document.getPages()) {
                if (index++ >= PAGES_READ) {
                    break;
                }
                for (PDAnnotation annotation : page.getAnnotations()) {
                    if (annotation instanceof PDAnnotationLink link
                            && link.getAction() instanceof PDActionURI uri
                            && uri.getURI() != null
                            && links.size() < MAX_LINKS) {
                        links.add(new Link(uri.getURI(), "", Link.Source.ATTACHMENT));
                    }
                }
            }
            PDFRenderer renderer = new PDFRenderer(document);
            for (int i = 0; i < Math.min(PAGES_RENDERED, document.getNumberOfPages()); i++) {
                for (String text : QrCodes.inPicture(render(renderer, document.getPage(i), i))) {
                    links.add(new Link(text, "", Link.Source.QR_CODE));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("event=rule_model_pdf_unreadable error={}", e.getClass().getSimpleName());
        }
        return links;
    }

    private static BufferedImage render(PDFRenderer renderer, PDPage page, int index) throws IOException {
        float longest =
                Math.max(page.getMediaBox().getWidth(), page.getMediaBox().getHeight());
        float scale = Math.min(3f, MAX_RENDER_PIXELS / Math.max(longest, 1f));
        return renderer.renderImage(index, scale, ImageType.GRAY);
    }
}
