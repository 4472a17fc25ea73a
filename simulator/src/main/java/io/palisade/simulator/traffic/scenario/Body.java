package io.palisade.simulator.traffic.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * A message body written once and rendered twice: as the text/plain and the text/html alternative. Links keep what
 * they show apart from where they go, as deceptive mail does.
 */
public final class Body {

    private sealed interface Block permits Para, Link, Button, Items, Quote, Image, Signature {}

    private record Para(String text) implements Block {}

    private record Link(String before, String shown, String href, String after) implements Block {}

    private record Button(String label, String href, String colour) implements Block {}

    private record Items(List<String> lines) implements Block {}

    private record Quote(String header, Body quoted) implements Block {}

    private record Image(String src, String alt, int width, int height) implements Block {}

    private record Signature(List<String> lines) implements Block {}

    private final List<Block> blocks = new ArrayList<>();
    private String footer = "";

    public Body para(String text) {
        blocks.add(new Para(text));
        return this;
    }

    /** A paragraph with a link in it: {@code before}, the link showing {@code shown}, then {@code after}. */
    public Body link(String before, String shown, String href, String after) {
        blocks.add(new Link(before, shown, href, after));
        return this;
    }

    public Body button(String label, String href, String colour) {
        blocks.add(new Button(label, href, colour));
        return this;
    }

    public Body items(List<String> lines) {
        blocks.add(new Items(List.copyOf(lines)));
        return this;
    }

    /** An earlier message quoted below a header line such as "On Monday, Zoë wrote:". */
    public Body quote(String header, Body quoted) {
        blocks.add(new Quote(header, quoted));
        return this;
    }

    /** An image: in HTML an {@code img}; in text nothing, as mail clients do. */
    public Body image(String src, String alt, int width, int height) {
        blocks.add(new Image(src, alt, width, height));
        return this;
    }

    public Body signature(List<String> lines) {
        blocks.add(new Signature(List.copyOf(lines)));
        return this;
    }

    /** Small print at the bottom (unsubscribe notes, legal lines). */
    public Body footer(String text) {
        this.footer = text;
        return this;
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        for (Block block : blocks) {
            if (block instanceof Image) {
                continue;
            }
            appendText(block, out);
            out.append('\n');
        }
        if (!footer.isEmpty()) {
            out.append("--\n").append(footer).append('\n');
        }
        return out.toString();
    }

    private static void appendText(Block block, StringBuilder out) {
        switch (block) {
            case Para p -> out.append(p.text()).append('\n');
            case Link l ->
                out.append(l.before())
                        .append(l.shown())
                        .append(" <")
                        .append(l.href())
                        .append('>')
                        .append(l.after())
                        .append('\n');
            case Button b -> out.append(b.label()).append(": ").append(b.href()).append('\n');
            case Items i ->
                i.lines().forEach(line -> out.append("  * ").append(line).append('\n'));
            case Quote q -> {
                out.append(q.header()).append('\n');
                for (String line : q.quoted().text().split("\n")) {
                    out.append(line.isEmpty() ? ">" : "> " + line).append('\n');
                }
            }
            case Image ignored -> {}
            case Signature s -> s.lines().forEach(line -> out.append(line).append('\n'));
        }
    }

    public String html() {
        StringBuilder out = new StringBuilder();
        out.append("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>\n");
        out.append("<body style=\"font-family:Calibri,Arial,sans-serif;font-size:11pt;color:#222\">\n");
        appendHtmlBlocks(out);
        if (!footer.isEmpty()) {
            out.append("<p style=\"font-size:8pt;color:#888\">")
                    .append(escape(footer))
                    .append("</p>\n");
        }
        out.append("</body></html>\n");
        return out.toString();
    }

    private void appendHtmlBlocks(StringBuilder out) {
        for (Block block : blocks) {
            appendHtml(block, out);
        }
    }

    private static void appendHtml(Block block, StringBuilder out) {
        switch (block) {
            case Para p ->
                out.append("<p>").append(escape(p.text()).replace("\n", "<br>")).append("</p>\n");
            case Link l ->
                out.append("<p>")
                        .append(escape(l.before()))
                        .append("<a href=\"")
                        .append(attr(l.href()))
                        .append("\">")
                        .append(escape(l.shown()))
                        .append("</a>")
                        .append(escape(l.after()))
                        .append("</p>\n");
            case Button b ->
                out.append("<table role=\"presentation\"><tr><td style=\"background:")
                        .append(attr(b.colour()))
                        .append(";border-radius:4px;padding:10px 18px\"><a href=\"")
                        .append(attr(b.href()))
                        .append("\" style=\"color:#ffffff;text-decoration:none;font-weight:bold\">")
                        .append(escape(b.label()))
                        .append("</a></td></tr></table>\n");
            case Items i -> {
                out.append("<ul>\n");
                i.lines()
                        .forEach(line -> out.append("<li>").append(escape(line)).append("</li>\n"));
                out.append("</ul>\n");
            }
            case Quote q -> {
                out.append("<div>").append(escape(q.header())).append("</div>\n");
                out.append("<blockquote style=\"margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex\">\n");
                q.quoted().appendHtmlBlocks(out);
                out.append("</blockquote>\n");
            }
            case Image image ->
                out.append("<img src=\"")
                        .append(attr(image.src()))
                        .append("\" alt=\"")
                        .append(attr(image.alt()))
                        .append("\" width=\"")
                        .append(image.width())
                        .append("\" height=\"")
                        .append(image.height())
                        .append("\">\n");
            case Signature s ->
                out.append("<p style=\"color:#555\">")
                        .append(String.join(
                                "<br>", s.lines().stream().map(Body::escape).toList()))
                        .append("</p>\n");
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String attr(String text) {
        return escape(text).replace("\"", "&quot;");
    }
}
