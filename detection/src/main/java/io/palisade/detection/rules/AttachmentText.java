package io.palisade.detection.rules;

import io.palisade.detection.model.Attachment;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The text of a text-like attachment (HTML, SVG, XML, scripts, calendar files, plain text) or of a PDF's first pages,
 * for rules: what an attached page does, what a PDF invoice says. Other files give the empty string.
 */
final class AttachmentText {

    /** Enough for the script and form of an attached page; the rest of a larger file is not read. */
    static final int MAX_BYTES = 256 * 1024;

    private static final Set<String> EXTENSIONS = Set.of(
            "htm", "html", "shtml", "xht", "xhtml", "mht", "mhtml", "svg", "xml", "txt", "js", "vbs", "hta", "ics",
            "eml", "url", "ps1", "bat", "cmd", "wsf");

    private AttachmentText() {}

    static String of(Attachment attachment, Supplier<String> detectedType) {
        if (AttachmentDocuments.isPdf(attachment)) {
            return AttachmentDocuments.pdfText(attachment);
        }
        if (!isTextLike(attachment, detectedType)) {
            return "";
        }
        byte[] content = attachment.content();
        return decode(content, Math.min(content.length, MAX_BYTES));
    }

    private static boolean isTextLike(Attachment attachment, Supplier<String> detectedType) {
        if (EXTENSIONS.contains(attachment.extension())) {
            return true;
        }
        String declared = attachment.declaredType().toLowerCase(Locale.ROOT);
        if (declared.startsWith("text/") || declared.contains("svg") || declared.contains("xml")) {
            return true;
        }
        String detected = detectedType.get();
        return detected.startsWith("text/") || detected.contains("svg") || detected.contains("xml");
    }

    private static String decode(byte[] content, int length) {
        // Malformed bytes (another charset, or a character cut at the limit) become U+FFFD; rules match ASCII.
        return new String(content, 0, length, StandardCharsets.UTF_8);
    }
}
