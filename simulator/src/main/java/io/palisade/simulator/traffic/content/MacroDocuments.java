package io.palisade.simulator.traffic.content;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Macro-enabled Office documents (.docm, .xlsm) assembled as OOXML packages: content types, relationships, the main
 * part, core properties and a {@code vbaProject.bin} part holding the macro.
 */
public final class MacroDocuments {

    /** The MIME type of a .docm file. */
    public static final String DOCM_TYPE = "application/vnd.ms-word.document.macroEnabled.12";
    /** The MIME type of a .xlsm file. */
    public static final String XLSM_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.12";

    private static final String XML_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";
    private static final String RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String OFFICE_DOC_REL =
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    private static final String CORE_REL =
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
    private static final String VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject";
    private static final String SHEET_REL =
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";

    private MacroDocuments() {}

    /**
     * A Word document with macros: its paragraphs, and a module {@code moduleName} with {@code macroSource}.
     *
     * @param projectGuid a GUID without braces, identifying the VBA project
     */
    public static byte[] docm(List<String> paragraphs, String moduleName, String macroSource, String projectGuid) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put(
                "[Content_Types].xml",
                utf8(contentTypes("/word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml", "")));
        parts.put("_rels/.rels", utf8(packageRels("word/document.xml")));
        parts.put("docProps/core.xml", utf8(coreProperties(paragraphs.getFirst())));
        parts.put("word/document.xml", utf8(wordDocument(paragraphs)));
        parts.put("word/_rels/document.xml.rels", utf8(rels(rel("rId1", VBA_REL, "vbaProject.bin"))));
        parts.put("word/vbaProject.bin", VbaProjects.withModule(moduleName, macroSource, projectGuid));
        return ZipArchives.of(parts);
    }

    /** An Excel workbook with macros: one sheet of rows (cells split on tabs) and a module with the source. */
    public static byte[] xlsm(List<String> rows, String moduleName, String macroSource, String projectGuid) {
        String sheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put(
                "[Content_Types].xml",
                utf8(contentTypes(
                        "/xl/workbook.xml",
                        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                        override("/xl/worksheets/sheet1.xml", sheetType))));
        parts.put("_rels/.rels", utf8(packageRels("xl/workbook.xml")));
        parts.put("docProps/core.xml", utf8(coreProperties(rows.getFirst())));
        parts.put("xl/workbook.xml", utf8(workbook()));
        parts.put(
                "xl/_rels/workbook.xml.rels",
                utf8(rels(rel("rId1", SHEET_REL, "worksheets/sheet1.xml") + rel("rId2", VBA_REL, "vbaProject.bin"))));
        parts.put("xl/worksheets/sheet1.xml", utf8(worksheet(rows)));
        parts.put("xl/vbaProject.bin", VbaProjects.withModule(moduleName, macroSource, projectGuid));
        return ZipArchives.of(parts);
    }

    private static String contentTypes(String mainPart, String mainType, String moreOverrides) {
        return XML_HEAD
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\""
                + " ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"
                + override(mainPart, mainType)
                + override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
                + moreOverrides
                + "</Types>";
    }

    private static String override(String part, String type) {
        return "<Override PartName=\"" + part + "\" ContentType=\"" + type + "\"/>";
    }

    private static String packageRels(String mainPart) {
        return rels(rel("rId1", OFFICE_DOC_REL, mainPart) + rel("rId2", CORE_REL, "docProps/core.xml"));
    }

    private static String rels(String relationships) {
        return XML_HEAD + "<Relationships xmlns=\"" + RELS_NS + "\">" + relationships + "</Relationships>";
    }

    private static String rel(String id, String type, String target) {
        return "<Relationship Id=\"" + id + "\" Type=\"" + type + "\" Target=\"" + target + "\"/>";
    }

    private static String coreProperties(String title) {
        return XML_HEAD
                + "<cp:coreProperties"
                + " xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<dc:title>" + xml(title) + "</dc:title><dc:creator>Administrator</dc:creator>"
                + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-01-01T00:00:00Z</dcterms:created>"
                + "</cp:coreProperties>";
    }

    private static String wordDocument(List<String> paragraphs) {
        StringBuilder body = new StringBuilder();
        for (String paragraph : paragraphs) {
            body.append("<w:p><w:r><w:t xml:space=\"preserve\">")
                    .append(xml(paragraph))
                    .append("</w:t></w:r></w:p>");
        }
        return XML_HEAD
                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                + body
                + "</w:body></w:document>";
    }

    private static String workbook() {
        return XML_HEAD
                + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    }

    private static String worksheet(List<String> rows) {
        StringBuilder data = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            data.append("<row r=\"").append(r + 1).append("\">");
            String[] cells = rows.get(r).split("\t");
            for (int c = 0; c < cells.length && c < 26; c++) {
                data.append("<c r=\"")
                        .append((char) ('A' + c))
                        .append(r + 1)
                        .append("\" t=\"inlineStr\"><is><t>")
                        .append(xml(cells[c]))
                        .append("</t></is></c>");
            }
            data.append("</row>");
        }
        return XML_HEAD
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + data
                + "</sheetData></worksheet>";
    }

    static String xml(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
