package io.palisade.detection.analysis.attachment;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads HTML and SVG files for active content: scripts and event handlers, forms that ask for a password, and
 * HTML smuggling, where a script rebuilds a file from data inside the page (Blob, {@code atob}) and saves it
 * ({@code msSaveOrOpenBlob}, or an anchor with a {@code download} attribute that the script clicks).
 */
final class HtmlInspector {
    /** Only the start of a large file is read; smuggling pages put their loader in the first megabytes. */
    static final int MAX_CHARS = 4 * 1024 * 1024;

    private static final Pattern SCRIPT =
            Pattern.compile("<script\\b|\\son[a-z]{3,20}\\s*=|javascript:|<iframe\\b|<embed\\b|<object\\b");
    private static final Pattern PASSWORD_INPUT = Pattern.compile("<input\\b[^>]*type\\s*=\\s*[\"']?password");
    private static final Pattern BLOB = Pattern.compile("new\\s+blob\\s*\\(|createobjecturl\\s*\\(");
    private static final Pattern DECODE = Pattern.compile("\\batob\\s*\\(|base64,|[a-z0-9+/]{2000}");
    private static final Pattern SAVE = Pattern.compile(
            "mssaveoropenblob|mssaveblob|\\.download\\s*=|\\sdownload\\s*=" + "|setattribute\\s*\\(\\s*[\"']download");
    private static final Pattern CLICK = Pattern.compile("\\.click\\s*\\(|dispatchevent\\s*\\(");

    /**
     * What an HTML or SVG file does.
     *
     * @param script whether it carries scripts, event handlers or embedded objects
     * @param passwordForm whether it has a password field
     * @param smuggling whether it builds and saves a file from inside the page
     */
    record Report(boolean script, boolean passwordForm, boolean smuggling) {}

    private HtmlInspector() {}

    static Report inspect(byte[] content) {
        int length = Math.min(content.length, MAX_CHARS);
        String text = new String(content, 0, length, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        boolean script = SCRIPT.matcher(text).find();
        boolean builds = BLOB.matcher(text).find();
        boolean decodes = DECODE.matcher(text).find();
        boolean saves = SAVE.matcher(text).find() && (CLICK.matcher(text).find() || text.contains("mssave"));
        boolean smuggling = script && builds && (decodes || saves);
        return new Report(script, PASSWORD_INPUT.matcher(text).find(), smuggling);
    }
}
