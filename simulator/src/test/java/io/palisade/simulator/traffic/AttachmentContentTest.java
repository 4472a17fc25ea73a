package io.palisade.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.apache.james.mime4j.dom.Entity;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.poifs.macros.VBAMacroReader;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

class AttachmentContentTest {

    private final TrafficGenerator generator = Samples.varied(Samples.M365, 21);

    private ParsedMail firstMail(TrafficKind kind, java.util.function.Predicate<ParsedMail> wanted) {
        for (long i = 0; i < 50_000; i++) {
            if (generator.plan(i).kind() == kind) {
                ParsedMail parsed = ParsedMail.parse(generator.render(i).mail().mime());
                if (wanted.test(parsed)) {
                    return parsed;
                }
            }
        }
        throw new AssertionError("no " + kind + " found");
    }

    @Test
    void invoicePdfOpensWithPdfBoxAndShowsTheTotal() throws Exception {
        ParsedMail invoice = firstMail(TrafficKind.INVOICE, p -> true);
        Entity pdf = invoice.attachments().getFirst();

        assertThat(pdf.getMimeType()).isEqualTo("application/pdf");
        assertThat(pdf.getFilename()).endsWith(".pdf");
        try (PDDocument document = Loader.loadPDF(ParsedMail.bytes(pdf))) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            assertThat(new PDFTextStripper().getText(document)).contains("Total due: EUR");
        }
    }

    @Test
    void qrImageDecodesToAnHttpsLinkThatAppearsNowhereInTheBody() throws Exception {
        ParsedMail qr = firstMail(TrafficKind.QR_CODE_PHISHING, p -> true);
        Entity image = qr.attachments().getFirst();
        var bitmap = new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(ImageIO.read(new ByteArrayInputStream(ParsedMail.bytes(image))))));

        String url = new QRCodeReader().decode(bitmap).getText();

        assertThat(image.getMimeType()).isEqualTo("image/png");
        assertThat(URI.create(url).getScheme()).isEqualTo("https");
        assertThat(qr.text("text/html")).get().asString().doesNotContain(url).contains("cid:");
        assertThat(qr.text("text/plain")).get().asString().doesNotContain(url);
    }

    @Test
    void macroWordDocumentCarriesAVbaProjectWhoseMacroRunsOnOpen() throws Exception {
        ParsedMail mail = firstMail(
                TrafficKind.MACRO_DOCUMENT,
                p -> p.attachments().getFirst().getFilename().endsWith(".docm"));
        byte[] docm = ParsedMail.bytes(mail.attachments().getFirst());

        assertThat(zipEntries(docm)).contains("word/vbaProject.bin", "word/document.xml", "[Content_Types].xml");
        Map<String, String> macros = new VBAMacroReader(new ByteArrayInputStream(docm)).readMacros();
        assertThat(macros).containsOnlyKeys("NewMacros");
        assertThat(macros.get("NewMacros"))
                .containsAnyOf("Sub AutoOpen()", "Sub Document_Open()")
                .contains("Shell \"powershell");
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(docm))) {
            assertThat(document.getParagraphs()).extracting(p -> p.getText()).contains("This document is protected.");
        }
    }

    @Test
    void macroWorkbookOpensWithPoiAndCarriesAVbaProject() throws Exception {
        ParsedMail mail = firstMail(
                TrafficKind.MACRO_DOCUMENT,
                p -> p.attachments().getFirst().getFilename().endsWith(".xlsm"));
        Entity attachment = mail.attachments().getFirst();
        byte[] xlsm = ParsedMail.bytes(attachment);

        assertThat(attachment.getMimeType()).isEqualTo("application/vnd.ms-excel.sheet.macroenabled.12");
        assertThat(zipEntries(xlsm)).contains("xl/vbaProject.bin");
        assertThat(new VBAMacroReader(new ByteArrayInputStream(xlsm))
                        .readMacros()
                        .get("Module1"))
                .containsAnyOf("Sub Auto_Open()", "Sub Workbook_Open()");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsm))) {
            assertThat(workbook.isMacroEnabled()).isTrue();
            assertThat(workbook.getSheetAt(0).getRow(1).getCell(0).getStringCellValue())
                    .isEqualTo("This document is protected.");
        }
    }

    @Test
    void smugglingPageRebuildsAZipFromAnAtobString() throws Exception {
        ParsedMail mail = firstMail(TrafficKind.HTML_SMUGGLING, p -> true);
        Entity attachment = mail.attachments().getFirst();
        String page = new String(ParsedMail.bytes(attachment), StandardCharsets.UTF_8);

        assertThat(attachment.getMimeType()).isEqualTo("text/html");
        assertThat(page).contains("new Blob(").contains("createObjectURL").contains(".download = ");
        Matcher encoded = Pattern.compile("atob\\(\"([A-Za-z0-9+/=]+)\"\\)").matcher(page);
        assertThat(encoded.find()).isTrue();
        assertThat(zipEntries(Base64.getDecoder().decode(encoded.group(1))))
                .singleElement()
                .asString()
                .endsWith(".js");
    }

    @Test
    void calendarInvitationCarriesAMeetingRequest() {
        ParsedMail mail = firstMail(TrafficKind.CALENDAR_INVITATION, p -> true);
        Entity calendar = mail.leaves().stream()
                .filter(e -> e.getMimeType().equals("text/calendar"))
                .findFirst()
                .orElseThrow();
        String ics = new String(ParsedMail.bytes(calendar), StandardCharsets.UTF_8);

        var contentType = (org.apache.james.mime4j.dom.field.ContentTypeField)
                calendar.getHeader().getField("Content-Type");
        assertThat(contentType.getParameter("method")).isEqualTo("REQUEST");
        assertThat(ics)
                .startsWith("BEGIN:VCALENDAR\r\n")
                .contains("METHOD:REQUEST\r\n", "BEGIN:VEVENT\r\n", "ATTENDEE;", "ORGANIZER;");
        assertThat(ics.split("\r\n")).allMatch(line -> line.getBytes(StandardCharsets.UTF_8).length <= 75);
    }

    @Test
    void teamsPostsCarryRealFiles() throws Exception {
        Map<TrafficKind, Long> first = Samples.firstOfEachKind(generator);
        ChatPost shared =
                generator.render(first.get(TrafficKind.TEAMS_FILE_SHARE)).chat();
        ChatPost malicious =
                generator.render(first.get(TrafficKind.TEAMS_MALICIOUS_FILE)).chat();

        assertThat(shared.external()).isFalse();
        try (PDDocument document = Loader.loadPDF(shared.file())) {
            assertThat(new PDFTextStripper().getText(document)).contains("Decision:");
        }
        assertThat(malicious.external()).isTrue();
        assertThat(malicious.sender().address()).doesNotEndWith("@" + Samples.M365.domain());
        assertThat(malicious.fileName()).matches(".*\\.(xlsm|html)");
        assertThat(malicious.html()).startsWith("<p>");
    }

    private static List<String> zipEntries(byte[] zip) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }
}
