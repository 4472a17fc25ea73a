package io.palisade.simulator.traffic.content;

import java.util.Base64;

/**
 * HTML attachments that rebuild a file in the browser from an {@code atob} string and offer it as a download, the
 * shape of HTML smuggling. The payload given is inert sample data; the page is what a scanner has to recognise.
 */
public final class SmugglingPages {

    private SmugglingPages() {}

    /**
     * A page that decodes {@code payload} with atob, wraps it in a Blob and clicks a download link.
     *
     * @param variable the JavaScript variable names' stem, varied so that pages do not share one fixed string
     */
    public static String page(String title, String lure, byte[] payload, String downloadName, String variable) {
        String encoded = Base64.getEncoder().encodeToString(payload);
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + MacroDocuments.xml(title)
                + "</title></head>\n<body style=\"font-family:Segoe UI,Arial,sans-serif\">\n"
                + "<p>" + MacroDocuments.xml(lure) + "</p>\n"
                + "<script>\n"
                + "var " + variable + "D = atob(\"" + encoded + "\");\n"
                + "var " + variable + "B = new Uint8Array(" + variable + "D.length);\n"
                + "for (var i = 0; i < " + variable + "D.length; i++) { " + variable + "B[i] = " + variable
                + "D.charCodeAt(i); }\n"
                + "var " + variable + "F = new Blob([" + variable + "B], {type: \"application/octet-stream\"});\n"
                + "var " + variable + "A = document.createElement(\"a\");\n"
                + variable + "A.href = window.URL.createObjectURL(" + variable + "F);\n"
                + variable + "A.download = \"" + downloadName + "\";\n"
                + "document.body.appendChild(" + variable + "A);\n"
                + variable + "A.click();\n"
                + "</script>\n</body></html>\n";
    }
}
