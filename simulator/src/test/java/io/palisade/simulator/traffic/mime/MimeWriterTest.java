package io.palisade.simulator.traffic.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;
import org.junit.jupiter.api.Test;

class MimeWriterTest {

    @Test
    void nonAsciiSubjectBecomesEncodedWordsThatDecodeBack() {
        String subject = "Angebot für Zürich – Größe 42 € and a long tail so the words must split at least once here";

        String encoded = HeaderText.unstructured(subject);

        assertThat(encoded).startsWith("=?UTF-8?B?").doesNotContain("ü");
        assertThat(encoded.split(" ")).allMatch(word -> word.length() <= 75);
        assertThat(DecoderUtil.decodeEncodedWords(encoded, DecodeMonitor.STRICT))
                .isEqualTo(subject);
    }

    @Test
    void asciiSubjectStaysReadable() {
        assertThat(HeaderText.unstructured("Invoice INV-2026-00042")).isEqualTo("Invoice INV-2026-00042");
    }

    @Test
    void displayNamesAreQuotedOrEncodedAsNeeded() {
        assertThat(HeaderText.address("Zoë Müller", "zoe@contoso.example"))
                .isEqualTo("=?UTF-8?Q?Zo=C3=AB_M=C3=BCller?= <zoe@contoso.example>");
        assertThat(HeaderText.address("Siobhan O'Brien", "s@contoso.example"))
                .isEqualTo("\"Siobhan O'Brien\" <s@contoso.example>");
        assertThat(HeaderText.address("Plain Name", "p@contoso.example")).isEqualTo("Plain Name <p@contoso.example>");
    }

    @Test
    void nonAsciiFileNamesUseRfc2231() {
        assertThat(HeaderText.fileNameParameter("filename", "Rechnung_März.pdf"))
                .isEqualTo("filename*=utf-8''Rechnung_M%C3%A4rz.pdf");
    }

    @Test
    void quotedPrintableKeepsLinesShortAndDecodesBack() throws Exception {
        String text = "Grüße aus Köln = 100% sicher. " + "x".repeat(200) + " \nline with trailing space \nend";

        String encoded = QuotedPrintable.encode(text);

        assertThat(encoded.split("\r\n")).allMatch(line -> line.length() <= 76);
        assertThat(encoded).doesNotContain(" \r\n");
        byte[] decoded = new QuotedPrintableInputStream(
                        new ByteArrayInputStream(encoded.getBytes(StandardCharsets.US_ASCII)), true)
                .readAllBytes();
        assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo(text.replace("\n", "\r\n"));
    }

    @Test
    void longAddressListsFoldAtSpaces() {
        String folded = HeaderText.fold(
                "To",
                String.join(
                        ", ",
                        List.of(
                                "Amelia Schmidt <amelia.schmidt@contoso.example>",
                                "Jonas Okafor <jonas.okafor@contoso.example>",
                                "Mateo Garcia <mateo.garcia@contoso.example>")));

        assertThat(folded.split("\r\n")).hasSizeGreaterThan(1).allMatch(line -> line.length() <= 78);
        assertThat(List.of(folded.split("\r\n")).subList(1, folded.split("\r\n").length))
                .allMatch(line -> line.startsWith(" "));
    }

    @Test
    void writesNestedMultipartsAStrictParserAccepts() throws Exception {
        byte[] mime = new MimeWriter("token123")
                .header("From", HeaderText.address("Zoë", "zoe@contoso.example"))
                .header("Subject", HeaderText.unstructured("Grüße"))
                .write(new MimePart.Multi(
                        "mixed",
                        List.of(
                                new MimePart.Multi(
                                        "alternative",
                                        List.of(MimePart.Text.plain("hello"), MimePart.Text.html("<p>hello</p>"))),
                                MimePart.Binary.attachment(
                                        "application/octet-stream", "data.bin", new byte[] {0, 1, 2, -1}))));

        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.STRICT);
        builder.setDecodeMonitor(DecodeMonitor.STRICT);
        Message message = builder.parseMessage(new ByteArrayInputStream(mime));

        assertThat(message.getSubject()).isEqualTo("Grüße");
        Multipart mixed = (Multipart) message.getBody();
        assertThat(mixed.getBodyParts()).hasSize(2);
        SingleBody attachment = (SingleBody) mixed.getBodyParts().get(1).getBody();
        assertThat(attachment.getInputStream().readAllBytes()).containsExactly(0, 1, 2, -1);
    }
}
