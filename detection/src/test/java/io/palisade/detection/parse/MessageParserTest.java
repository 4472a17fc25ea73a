package io.palisade.detection.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.detection.api.ScanInput;
import io.palisade.detection.model.Address;
import io.palisade.detection.model.Attachment;
import io.palisade.detection.model.Link;
import io.palisade.detection.model.ParsedMessage;
import io.palisade.detection.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MessageParserTest {

    private final MessageParser parser = new MessageParser(ParseLimits.defaults());

    private ParseResult parse(String resource) {
        return parser.parseMail(Fixtures.bytes(resource), Deadline.none());
    }

    private ParseResult parseText(String raw) {
        return parser.parseMail(raw.getBytes(StandardCharsets.UTF_8), Deadline.none());
    }

    @Test
    void readsAddressesSubjectAndHeadersOfAPlainMessage() {
        ParsedMessage message = parse("mail/plain.eml").message();

        assertThat(message.from()).isEqualTo(new Address("Nina Patel", "nina.patel@fabrikam.com"));
        assertThat(message.to())
                .containsExactly(
                        new Address("Alex Wilber", "alex@contoso.com"), new Address("Doe, Jane", "jane@contoso.com"));
        assertThat(message.cc()).containsExactly(new Address("", "team@contoso.com"));
        assertThat(message.replyTo()).extracting(Address::address).containsExactly("nina@fabrikam.com");
        assertThat(message.returnPath()).isEqualTo("bounce@mail.fabrikam.com");
        assertThat(message.subject()).isEqualTo("Quarterly figures");
        assertThat(message.header("MESSAGE-ID")).contains("<plain-1@fabrikam.com>");
        assertThat(message.textBody()).contains("Regards, Nina — Fabrikam");
        assertThat(message.html()).isEmpty();
    }

    @Test
    void reportsNoIssuesForWellFormedMail() {
        assertThat(parse("mail/plain.eml").issues()).isEmpty();
        assertThat(parse("mail/alternative.eml").issues()).isEmpty();
        assertThat(parse("mail/attachment.eml").issues()).isEmpty();
    }

    @Test
    void findsPlainTextLinksWithoutTheirTrailingPunctuation() {
        ParsedMessage message = parse("mail/plain.eml").message();

        assertThat(message.links())
                .extracting(Link::url)
                .containsExactly("https://portal.fabrikam.com/q3/report?id=42", "www.fabrikam.com/help");
        assertThat(message.links()).allMatch(l -> l.source() == Link.Source.TEXT);
    }

    @Test
    void decodesEncodedWordsAndQuotedPrintableInTheirDeclaredCharsets() {
        ParsedMessage message = parse("mail/alternative.eml").message();

        assertThat(message.from().displayName()).isEqualTo("Jürgen Müller");
        assertThat(message.subject()).isEqualTo("Grüße aus München");
        assertThat(message.textBody()).isEqualTo("Schöne Grüße. Bitte überprüfen Sie Ihr Konto.");
        assertThat(message.html()).isPresent();
        assertThat(message.html().get().text()).contains("Schöne Grüße.");
    }

    @Test
    void extractsLinksFromAnchorsFormsAndImagesButNotInlineCids() {
        ParsedMessage message = parse("mail/alternative.eml").message();

        assertThat(message.links())
                .contains(
                        new Link(
                                "https://evil.example.net/login",
                                "https://www.example.de/konto",
                                Link.Source.HTML_ANCHOR),
                        new Link("https://track.example.net/p.gif", "", Link.Source.HTML_IMAGE),
                        new Link("https://collect.example.net/post", "", Link.Source.HTML_FORM));
        assertThat(message.links()).noneMatch(l -> l.url().startsWith("cid:"));
    }

    @Test
    void keepsAttachmentsWithTheSha256OfTheirDecodedContent() throws Exception {
        ParsedMessage message = parse("mail/attachment.eml").message();

        assertThat(message.attachments()).hasSize(1);
        Attachment pdf = message.attachments().getFirst();
        assertThat(pdf.name()).isEqualTo("invoice-1043.pdf");
        assertThat(pdf.extension()).isEqualTo("pdf");
        assertThat(pdf.declaredType()).isEqualTo("application/pdf");
        assertThat(new String(pdf.content(), StandardCharsets.US_ASCII)).startsWith("%PDF-1.4");
        String expected =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf.content()));
        assertThat(pdf.sha256()).isEqualTo(expected);
        assertThat(pdf.truncated()).isFalse();
    }

    @Test
    void readsTheTextOfAnAttachedMessageButKeepsOnlyTheOuterHeaders() {
        ParsedMessage message = parse("mail/attachment.eml").message();

        assertThat(message.textBody()).contains("Please find the invoice attached.", "Forwarded text");
        assertThat(message.subject()).isEqualTo("Invoice 1043");
        assertThat(message.links()).extracting(Link::url).contains("http://inner.example.org/x");
    }

    @Test
    void fallsBackAndReportsAnUnknownCharset() {
        ParseResult result = parseText(
                "From: a@b.example\r\nContent-Type: text/plain; charset=x-klingon-42\r\n\r\n" + "caf\u00e9 ok\r\n");

        assertThat(result.message().textBody()).isEqualTo("café ok");
        assertThat(result.issues())
                .containsExactly(new ParseIssue(ParseIssue.Kind.MALFORMED, "unknown charset x-klingon-42"));
    }

    @Test
    void readsUndeclared8bitTextAsWindows1252WhenItIsNotUtf8() {
        byte[] raw = "From: a@b.example\r\nSubject: x\r\n\r\ncaf\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1);

        ParseResult result = parser.parseMail(raw, Deadline.none());

        assertThat(result.message().textBody()).isEqualTo("café");
        assertThat(result.issues()).isEmpty();
    }

    @Test
    void usesTheTextOfTheHtmlWhenThereIsNoPlainPart() {
        ParseResult result = parseText("From: a@b.example\r\nContent-Type: text/html\r\n\r\n"
                + "<html><body><h1>Verify</h1><p>your account</p><script>x()</script></body></html>\r\n");

        assertThat(result.message().textBody()).isEqualTo("Verify your account");
    }

    @Test
    void readsAChatFileAsAMessageWithOneAttachment() {
        ParseResult result = parser.parseChatFile(
                new ScanInput.ChatFile("hello".getBytes(StandardCharsets.US_ASCII), "notes.txt", "bob@fabrikam.com"));

        ParsedMessage message = result.message();
        assertThat(message.from().address()).isEqualTo("bob@fabrikam.com");
        assertThat(message.attachments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("notes.txt");
            assertThat(a.content()).asString(StandardCharsets.US_ASCII).isEqualTo("hello");
        });
        assertThat(result.issues()).isEmpty();
    }

    @Test
    void keepsAChatUserIdThatIsNoAddressAsTheDisplayName() {
        ParsedMessage message = parser.parseChatFile(new ScanInput.ChatFile(new byte[0], "a.bin", "29:1a2b"))
                .message();

        assertThat(message.from()).isEqualTo(new Address("29:1a2b", ""));
    }

    @Test
    void readsOnlyTheStartOfAMessageOverTheSizeLimit() {
        MessageParser small = new MessageParser(ParseLimits.defaults().withMaxMessageBytes(200));
        String raw = "From: a@b.example\r\nSubject: big\r\n\r\n" + "x".repeat(10_000);

        ParseResult result = small.parseMail(raw.getBytes(StandardCharsets.US_ASCII), Deadline.none());

        assertThat(result.message().subject()).isEqualTo("big");
        assertThat(result.message().textBody().length()).isLessThan(200);
        assertThat(result.issues()).extracting(ParseIssue::kind).contains(ParseIssue.Kind.MESSAGE_TOO_LARGE);
    }

    @Test
    void stopsAtTheDeadline() {
        ParseResult result = parser.parseMail(Fixtures.bytes("mail/alternative.eml"), expired());

        assertThat(result.issues()).extracting(ParseIssue::kind).contains(ParseIssue.Kind.TIME_BUDGET);
    }

    private static Deadline expired() {
        long[] now = {0};
        Deadline deadline = Deadline.after(Duration.ofNanos(1), () -> now[0]);
        now[0] = 2;
        return deadline;
    }
}
