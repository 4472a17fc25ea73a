package io.palisade.detection.analysis;

import io.palisade.detection.model.Address;
import io.palisade.detection.model.Attachment;
import io.palisade.detection.model.Link;
import io.palisade.detection.model.ParsedMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Builds {@link ParsedMessage} values for analyzer tests, as the parser would have produced them. */
public final class TestMessage {
    private Address from = new Address("Alice Example", "alice@contoso.com");
    private final List<Address> replyTo = new ArrayList<>();
    private String returnPath = "";
    private final List<Address> to = new ArrayList<>(List.of(new Address("Bob", "bob@contoso.com")));
    private String subject = "Hello";
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private String text = "";
    private Document html;
    private final List<Link> links = new ArrayList<>();
    private final List<Attachment> attachments = new ArrayList<>();

    public static TestMessage message() {
        return new TestMessage();
    }

    public TestMessage from(String displayName, String address) {
        from = new Address(displayName, address);
        return this;
    }

    public TestMessage replyTo(String address) {
        replyTo.add(new Address("", address));
        return this;
    }

    public TestMessage returnPath(String address) {
        returnPath = address;
        return this;
    }

    public TestMessage to(String address) {
        to.clear();
        to.add(new Address("", address));
        return this;
    }

    public TestMessage subject(String value) {
        subject = value;
        return this;
    }

    public TestMessage header(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .add(value);
        return this;
    }

    public TestMessage text(String value) {
        text = value;
        return this;
    }

    /** Sets the HTML body; its text becomes the text body when none was set, and its anchors become links. */
    public TestMessage html(String markup) {
        html = Jsoup.parse(markup);
        html.select("a[href]").forEach(a -> links.add(new Link(a.attr("href"), a.text(), Link.Source.HTML_ANCHOR)));
        html.select("img[src]").forEach(img -> links.add(new Link(img.attr("src"), "", Link.Source.HTML_IMAGE)));
        return this;
    }

    public TestMessage link(String url) {
        links.add(new Link(url, "", Link.Source.TEXT));
        return this;
    }

    public TestMessage link(String url, String anchorText) {
        links.add(new Link(url, anchorText, Link.Source.HTML_ANCHOR));
        return this;
    }

    public TestMessage formAction(String url) {
        links.add(new Link(url, "", Link.Source.HTML_FORM));
        return this;
    }

    public TestMessage attach(String name, String type, byte[] content) {
        attachments.add(new Attachment(name, type, content, false, sha256(content), false, ""));
        return this;
    }

    public TestMessage attach(String name, String type, String content) {
        return attach(name, type, content.getBytes(StandardCharsets.UTF_8));
    }

    public ParsedMessage build() {
        String body = text.isEmpty() && html != null ? html.text() : text;
        Map<String, List<String>> headerCopy = new LinkedHashMap<>();
        headers.forEach((name, values) -> headerCopy.put(name, List.copyOf(values)));
        return new ParsedMessage(
                from,
                Optional.empty(),
                List.copyOf(replyTo),
                returnPath,
                List.copyOf(to),
                List.of(),
                subject,
                headerCopy,
                body,
                Optional.ofNullable(html),
                List.copyOf(links),
                List.copyOf(attachments),
                List.of());
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
