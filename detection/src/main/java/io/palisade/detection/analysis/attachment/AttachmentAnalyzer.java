package io.palisade.detection.analysis.attachment;

import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.analysis.Findings;
import io.palisade.detection.analysis.prefilter.PrefilterAnalyzer;
import io.palisade.detection.analysis.url.Url;
import io.palisade.detection.analysis.url.UrlAnalyzer;
import io.palisade.detection.analysis.url.Urls;
import io.palisade.detection.api.ScanContext;
import io.palisade.detection.model.Attachment;
import io.palisade.detection.model.ParsedMessage;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.tika.mime.MediaType;

/**
 * Layer 5: every attached file (and inline image). Its true type by content against its name; executables,
 * scripts, shortcuts and disk images; Office macros; PDFs with JavaScript, launch actions or links; zip archives
 * (nested, encrypted, bombs, dangerous entries, whose hashes go to the indicator lookups); HTML and SVG files with
 * scripts, password forms or HTML smuggling; and QR codes in images and PDF pages, whose URLs go through the URL
 * layer and the prefilter's lookups.
 */
public final class AttachmentAnalyzer implements Analyzer {
    public static final String ATTACHMENT_EXECUTABLE = "ATTACHMENT_EXECUTABLE";
    public static final String ATTACHMENT_SCRIPT = "ATTACHMENT_SCRIPT";
    public static final String ATTACHMENT_SHORTCUT = "ATTACHMENT_SHORTCUT";
    public static final String ATTACHMENT_DISK_IMAGE = "ATTACHMENT_DISK_IMAGE";
    public static final String ATTACHMENT_DISGUISED_EXECUTABLE = "ATTACHMENT_DISGUISED_EXECUTABLE";
    public static final String ATTACHMENT_TYPE_MISMATCH = "ATTACHMENT_TYPE_MISMATCH";
    public static final String ATTACHMENT_HTML_SCRIPT = "ATTACHMENT_HTML_SCRIPT";
    public static final String ATTACHMENT_CREDENTIAL_FORM = "ATTACHMENT_CREDENTIAL_FORM";
    public static final String HTML_SMUGGLING = "HTML_SMUGGLING";
    public static final String OFFICE_MACRO = "OFFICE_MACRO";
    public static final String PDF_JAVASCRIPT = "PDF_JAVASCRIPT";
    public static final String PDF_LAUNCH_ACTION = "PDF_LAUNCH_ACTION";
    public static final String PDF_LINK = "PDF_LINK";
    public static final String ARCHIVE_ENCRYPTED = "ARCHIVE_ENCRYPTED";
    public static final String ARCHIVE_DANGEROUS_ENTRY = "ARCHIVE_DANGEROUS_ENTRY";
    public static final String ARCHIVE_BOMB = "ARCHIVE_BOMB";
    public static final String ARCHIVE_NESTED = "ARCHIVE_NESTED";
    public static final String QR_CODE_URL = "QR_CODE_URL";
    public static final String ATTACHMENT_UNSCANNABLE = "ATTACHMENT_UNSCANNABLE";

    /** Files past this many in one message are not inspected. */
    static final int MAX_ATTACHMENTS = 50;

    /** A PDF this short with a link is the usual "open the document" lure; long documents link for other reasons. */
    static final int LURE_PDF_PAGES = 3;

    /** Images smaller than this cannot hold a readable QR code. */
    static final int MIN_QR_IMAGE_BYTES = 200;

    private static final Set<String> HTML_EXTENSIONS = Set.of("html", "htm", "shtml", "xhtml", "svg", "mht", "mhtml");
    private static final Set<String> OOXML_EXTENSIONS = Set.of(
            "docx", "docm", "dotx", "dotm", "xlsx", "xlsm", "xltx", "xltm", "xlam", "pptx", "pptm", "potm", "ppsm");
    private static final Set<String> QR_IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/bmp");

    private final UrlAnalyzer urls;
    private final PrefilterAnalyzer prefilter;

    /** An analyzer whose QR and PDF links go through the given URL layer and prefilter. */
    public AttachmentAnalyzer(UrlAnalyzer urls, PrefilterAnalyzer prefilter) {
        this.urls = urls;
        this.prefilter = prefilter;
    }

    /** An analyzer with its own URL layer and prefilter instances. */
    public AttachmentAnalyzer() {
        this(new UrlAnalyzer(), new PrefilterAnalyzer());
    }

    @Override
    public String name() {
        return "attachment";
    }

    @Override
    public void analyze(ParsedMessage message, ScanContext context, Findings findings) {
        List<Attachment> attachments = message.attachments();
        for (int i = 0; i < Math.min(attachments.size(), MAX_ATTACHMENTS); i++) {
            inspect(attachments.get(i), context, findings);
        }
    }

    private void inspect(Attachment attachment, ScanContext context, Findings findings) {
        byte[] content = attachment.content();
        String name = attachment.name().isEmpty() ? "an attached file" : attachment.name();
        MediaType actual = FileTypes.byContent(content);
        checkDangerous(attachment, name, actual, findings);
        String extension = attachment.extension();
        if (HTML_EXTENSIONS.contains(extension)
                || FileTypes.isKindOf(actual, "text/html")
                || FileTypes.isKindOf(actual, "image/svg+xml")) {
            checkHtml(content, name, findings);
        } else if (OfficeMacros.isOle2(content)) {
            OfficeMacros.Ole2 ole2 = OfficeMacros.inspectOle2(content);
            reportIf(ole2 == OfficeMacros.Ole2.MACROS, OFFICE_MACRO, name, findings);
            reportIf(ole2 == OfficeMacros.Ole2.UNREADABLE, ATTACHMENT_UNSCANNABLE, name, findings);
        } else if (ArchiveInspector.isZip(content) && OOXML_EXTENSIONS.contains(extension)) {
            reportIf(OfficeMacros.ooxmlHasMacros(content), OFFICE_MACRO, name, findings);
        } else if (ArchiveInspector.isZip(content)) {
            checkArchive(content, name, context, findings);
        } else if (FileTypes.isKindOf(actual, "application/pdf")) {
            checkPdf(content, name, context, findings);
        } else if (QR_IMAGE_TYPES.contains(actual.toString()) && content.length >= MIN_QR_IMAGE_BYTES) {
            QrCodes.inImage(content).forEach(text -> checkQrText(text, context, findings));
        }
    }

    private static void checkDangerous(Attachment attachment, String name, MediaType actual, Findings findings) {
        Optional<DangerousFiles.Kind> byExtension = DangerousFiles.byExtension(attachment.extension());
        if (byExtension.isPresent()) {
            findings.add(signalFor(byExtension.get()), name);
            return;
        }
        Optional<DangerousFiles.Kind> byContent = DangerousFiles.byContent(attachment.content(), actual);
        if (byContent.isPresent()) {
            boolean executable = byContent.get() == DangerousFiles.Kind.EXECUTABLE;
            findings.add(executable ? ATTACHMENT_DISGUISED_EXECUTABLE : signalFor(byContent.get()), name);
            return;
        }
        if (!attachment.name().isEmpty() && FileTypes.contradicts(actual, FileTypes.byName(attachment.name()))) {
            findings.add(ATTACHMENT_TYPE_MISMATCH, name);
        }
    }

    private static String signalFor(DangerousFiles.Kind kind) {
        return switch (kind) {
            case EXECUTABLE -> ATTACHMENT_EXECUTABLE;
            case SCRIPT -> ATTACHMENT_SCRIPT;
            case SHORTCUT -> ATTACHMENT_SHORTCUT;
            case DISK_IMAGE -> ATTACHMENT_DISK_IMAGE;
        };
    }

    private static void checkHtml(byte[] content, String name, Findings findings) {
        HtmlInspector.Report report = HtmlInspector.inspect(content);
        if (report.smuggling()) {
            findings.add(HTML_SMUGGLING, name);
        } else if (report.script()) {
            findings.add(ATTACHMENT_HTML_SCRIPT, name);
        }
        reportIf(report.passwordForm(), ATTACHMENT_CREDENTIAL_FORM, name, findings);
    }

    private void checkArchive(byte[] content, String name, ScanContext context, Findings findings) {
        ArchiveInspector.Report report = ArchiveInspector.inspect(content);
        reportIf(report.encrypted(), ARCHIVE_ENCRYPTED, name, findings);
        reportIf(report.bomb(), ARCHIVE_BOMB, name, findings);
        reportIf(report.depth() > 2, ARCHIVE_NESTED, name, findings);
        if (!report.dangerous().isEmpty()) {
            findings.add(ARCHIVE_DANGEROUS_ENTRY, report.dangerous().getFirst());
        }
        report.entries().forEach(entry -> prefilter.checkFileHash(entry.sha256(), entry.path(), context, findings));
    }

    private void checkPdf(byte[] content, String name, ScanContext context, Findings findings) {
        PdfInspector.Report report = PdfInspector.inspect(content, true);
        reportIf(!report.readable(), ATTACHMENT_UNSCANNABLE, name, findings);
        reportIf(report.javascript(), PDF_JAVASCRIPT, name, findings);
        reportIf(report.launch(), PDF_LAUNCH_ACTION, name, findings);
        List<Url> webLinks = report.links().stream()
                .map(link -> Urls.parse(Urls.unwrap(link)))
                .flatMap(Optional::stream)
                .filter(Url::isWeb)
                .toList();
        if (!webLinks.isEmpty() && report.pages() <= LURE_PDF_PAGES) {
            findings.add(PDF_LINK, webLinks.getFirst().host());
        }
        webLinks.forEach(url -> followUrl(url.toString(), context, findings));
        for (BufferedImage page : report.images()) {
            QrCodes.inPicture(page).forEach(text -> checkQrText(text, context, findings));
        }
    }

    private void checkQrText(String text, ScanContext context, Findings findings) {
        Optional<Url> url = Urls.parse(Urls.unwrap(text)).filter(Url::isWeb);
        if (url.isPresent()) {
            if (!findings.has(QR_CODE_URL)) {
                findings.add(QR_CODE_URL, url.get().host());
            }
            followUrl(url.get().toString(), context, findings);
        }
    }

    private void followUrl(String url, ScanContext context, Findings findings) {
        urls.inspectUrl(url, findings);
        prefilter.checkUrl(url, context, findings);
    }

    private static void reportIf(boolean condition, String signal, String detail, Findings findings) {
        if (condition) {
            findings.add(signal, detail);
        }
    }
}
