package io.palisade.detection.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.detection.api.ScanInput;
import io.palisade.detection.config.ConfigException;
import io.palisade.detection.config.ResourceFile;
import io.palisade.detection.parse.Deadline;
import io.palisade.detection.parse.MessageParser;
import io.palisade.detection.parse.ParseLimits;
import io.palisade.detection.score.ScoringConfig.Severity;
import io.palisade.detection.testing.TestContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RuleLoaderTest {

    private static final String PATH = "rules/test-category/a-rule.yaml";

    private static String rule(String condition) {
        return """
                id: 6f1c1b4e-8a57-4d0e-9d7a-0f4f7a4b2c11
                name: "Test category: subject mentions a prize"
                description: Subject mentions a prize.
                severity: medium
                tags: [test]
                condition: %s
                """.formatted(condition);
    }

    private static RuleSet load(String path, String yaml) {
        return RuleSet.of(List.of(new ResourceFile(path, yaml)));
    }

    private static boolean fires(RuleSet rules, String rawMessage) {
        MessageParser parser = new MessageParser(ParseLimits.defaults());
        var message = parser.parse(new ScanInput.Mail(rawMessage.getBytes(StandardCharsets.UTF_8)), Deadline.none())
                .message();
        return !rules.evaluate(message, TestContext.contoso(), List.of(), Deadline.none())
                .hits()
                .isEmpty();
    }

    @Test
    void loadsARuleWithItsFieldsAndDerivesTheSignalFromTheName() {
        Rule rule = load(PATH, rule("subject.lowerAscii().contains(\"prize\")"))
                .rules()
                .getFirst();

        assertThat(rule.id()).isEqualTo(UUID.fromString("6f1c1b4e-8a57-4d0e-9d7a-0f4f7a4b2c11"));
        assertThat(rule.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(rule.tags()).containsExactly("test");
        assertThat(rule.signal()).isEqualTo("TEST_CATEGORY_SUBJECT_MENTIONS_A_PRIZE");
        assertThat(rule.category()).isEqualTo("test-category");
        assertThat(rule.beta()).isFalse();
    }

    @Test
    void evaluatesTheConditionOverTheMessage() {
        RuleSet rules = load(PATH, rule("subject.lowerAscii().contains(\"prize\")"));

        assertThat(fires(rules, "From: a@b.example\r\nSubject: You won a PRIZE\r\n\r\nx"))
                .isTrue();
        assertThat(fires(rules, "From: a@b.example\r\nSubject: Minutes of the meeting\r\n\r\nx"))
                .isFalse();
    }

    @Test
    void exposesUrlsWithRegistrableDomainsAndTlds() {
        RuleSet rules = load(
                PATH,
                rule("urls.exists(u, u.domain == \"example.co.uk\" && u.tld == \"co.uk\""
                        + " && u.host == \"login.secure.example.co.uk\" && u.path == \"/a?b=1\""
                        + " && u.source == \"text\")"));

        assertThat(fires(rules, "From: a@b.example\r\n\r\nGo to https://login.secure.example.co.uk/a?b=1 now"))
                .isTrue();
        assertThat(fires(rules, "From: a@b.example\r\n\r\nGo to https://example.com/a?b=1 now"))
                .isFalse();
    }

    @Test
    void exposesHeadersByLowerCaseNameAndTheSignalsSoFar() {
        RuleSet rules = load(
                PATH,
                rule("|\n  \"x-mailer\" in headers && headers[\"x-mailer\"][0].startsWith(\"Mass\")"
                        + " && \"SOME_SIGNAL\" in signals"));
        MessageParser parser = new MessageParser(ParseLimits.defaults());
        var message = parser.parseMail(
                        "X-Mailer: MassSender 2\r\n\r\nx".getBytes(StandardCharsets.US_ASCII), Deadline.none())
                .message();

        assertThat(rules.evaluate(message, TestContext.contoso(), List.of("SOME_SIGNAL"), Deadline.none())
                        .hits())
                .hasSize(1);
        assertThat(rules.evaluate(message, TestContext.contoso(), List.of(), Deadline.none())
                        .hits())
                .isEmpty();
    }

    @Test
    void refusesACelErrorNamingTheFileLineAndColumn() {
        String yaml = rule("|\n  subject.contains(\"a\")\n    && sender.nosuchfunction()");

        assertThatThrownBy(() -> load(PATH, yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(PATH + " (line 8, column 29)")
                .hasMessageContaining("nosuchfunction");
    }

    @Test
    void pointsIntoAFoldedConditionAtTheLineAndColumnOfTheError() {
        String yaml = rule(">\n  subject.contains(\"a\")\n  && sendr.domain == \"x\"");

        assertThatThrownBy(() -> load(PATH, yaml)).hasMessageContaining(PATH + " (line 8, column 6)");
    }

    @Test
    void pointsIntoAPlainConditionSpanningLines() {
        String yaml = rule("subject.contains(\"a\")\n  && sendr.domain == \"x\"");

        assertThatThrownBy(() -> load(PATH, yaml)).hasMessageContaining(PATH + " (line 7, column 6)");
    }

    @Test
    void pointsIntoAQuotedConditionPastItsEscapes() {
        String yaml = rule("\"subject == \\\"a\\\" && sendr.domain == \\\"x\\\"\"");

        assertThatThrownBy(() -> load(PATH, yaml)).hasMessageContaining(PATH + " (line 6, column 33)");
    }

    @Test
    void keepsTheIdWrittenInTheFileWhenTheFileIsRenamedOrMoved() {
        Rule before = load(PATH, rule("true")).rules().getFirst();
        Rule after = load("rules/other-category/renamed.yaml", rule("true").replace("a prize", "a reward"))
                .rules()
                .getFirst();

        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.path()).isEqualTo("rules/other-category/renamed.yaml");
    }

    @Test
    void compilesEveryConditionOnceAtLoadAndSharesIt() {
        RuleSet rules = load(PATH, rule("subject.contains(\"prize\")"));

        for (int i = 0; i < 3; i++) {
            assertThat(fires(rules, "From: a@b.example\r\nSubject: a prize\r\n\r\nx"))
                    .isTrue();
        }
        assertThat(rules.compiled())
                .singleElement()
                .satisfies(c -> assertThat(c.program()).isNotNull());
    }

    @Test
    void refusesAnInvalidPatternAtLoadEvenBehindATestThatIsRarelyTrue() {
        String yaml = rule("|\n  subject == \"never\"\n    && body.matches(r\"(?\\d+\")");

        assertThatThrownBy(() -> load(PATH, yaml))
                .hasMessageContaining(PATH + " (line 8, column 21): condition: invalid regular expression");
    }

    @Test
    void refusesAnUndeclaredVariable() {
        assertThatThrownBy(() -> load(PATH, rule("sendr.domain == \"x\"")))
                .hasMessageContaining(PATH + " (line 6, column 12)")
                .hasMessageContaining("undeclared reference to 'sendr'");
    }

    @Test
    void unwrapsRewrittenLinksSoRulesJudgeTheRealDestination() {
        RuleSet rules = load(
                PATH, rule("urls.exists(u, u.host == \"login.evil.example.net\" && u.url.contains(\"safelinks\"))"));

        assertThat(fires(
                        rules,
                        "From: a@b.example\r\n\r\nGo to https://eur01.safelinks.protection.outlook.com/?url="
                                + "https%3A%2F%2Flogin.evil.example.net%2Fa&data=1 now"))
                .isTrue();
    }

    @Test
    void tellsWhetherTheSenderUsesAFreeMailService() {
        RuleSet rules = load(PATH, rule("sender_freemail"));

        assertThat(fires(rules, "From: someone@gmail.com\r\n\r\nx")).isTrue();
        assertThat(fires(rules, "From: someone@fabrikam.com\r\n\r\nx")).isFalse();
    }

    @Test
    void exposesTheTextOfTextLikeAttachmentsOnly() {
        RuleSet rules = load(PATH, rule("attachments.exists(a, a.text.contains(\"atob(\") && !a.inline)"));
        String page = "<html><script>var b = atob('SGVsbG8=');</script></html>";
        String html = attached("page.html", "text/html", page);
        String binary = attached("scan.pdf", "application/pdf", "%PDF-1.4\r\n" + page);

        assertThat(fires(rules, html)).isTrue();
        assertThat(fires(rules, binary)).as("a PDF is not read as text").isFalse();
    }

    @Test
    void offersSubjectAndBodyAsOneLowerCaseText() {
        RuleSet rules = load(PATH, rule("text.contains(\"urgent wire\") && text.contains(\"today please\")"));

        assertThat(fires(rules, "From: a@b.example\r\nSubject: URGENT Wire\r\n\r\nToday please"))
                .isTrue();
        assertThat(fires(rules, "From: a@b.example\r\nSubject: Lunch\r\n\r\nToday please"))
                .isFalse();
    }

    @Test
    void showsRulesTheHeadOfALongBodyOnly() {
        RuleSet rules = load(PATH, rule("text.contains(\"wire the payment\")"));
        String filler = "Quarterly figures attached as discussed. ".repeat(CelMessageModel.RULE_BODY_CHARS / 40 + 10);

        assertThat(fires(rules, "From: a@b.example\r\nSubject: Q3\r\n\r\nPlease wire the payment.\r\n" + filler))
                .isTrue();
        assertThat(fires(rules, "From: a@b.example\r\nSubject: Q3\r\n\r\n" + filler + "\r\nwire the payment"))
                .as("text past the head is not searched")
                .isFalse();
    }

    @Test
    void readsQrCodesOfAttachedImagesAsAttachmentUrls() throws Exception {
        RuleSet rules = load(
                PATH,
                rule("attachment_urls.exists(u, u.source == \"qr_code\" && u.domain == \"example.net\""
                        + " && u.host == \"scan.example.net\")"));
        var matrix = new com.google.zxing.qrcode.QRCodeWriter()
                .encode("https://scan.example.net/a", com.google.zxing.BarcodeFormat.QR_CODE, 200, 200);
        var png = new java.io.ByteArrayOutputStream();
        com.google.zxing.client.j2se.MatrixToImageWriter.writeToStream(matrix, "png", png);

        assertThat(fires(rules, attachedBase64("code.png", "image/png", png.toByteArray())))
                .isTrue();
        assertThat(fires(rules, attachedBase64("logo.png", "image/png", blankPng())))
                .isFalse();
    }

    @Test
    void readsTheTextOfAttachedPdfs() throws Exception {
        RuleSet rules = load(PATH, rule("attachments.exists(a, a.text.contains(\"call +1 808 555 0143\"))"));
        byte[] pdf;
        try (var document = new org.apache.pdfbox.pdmodel.PDDocument()) {
            var page = new org.apache.pdfbox.pdmodel.PDPage();
            document.addPage(page);
            try (var stream = new org.apache.pdfbox.pdmodel.PDPageContentStream(document, page)) {
                stream.beginText();
                stream.setFont(
                        new org.apache.pdfbox.pdmodel.font.PDType1Font(
                                org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA),
                        12);
                stream.newLineAtOffset(72, 700);
                stream.showText("To cancel, call +1 808 555 0143");
                stream.endText();
            }
            var out = new java.io.ByteArrayOutputStream();
            document.save(out);
            pdf = out.toByteArray();
        }

        assertThat(fires(rules, attachedBase64("order.pdf", "application/pdf", pdf)))
                .isTrue();
    }

    private static byte[] blankPng() throws java.io.IOException {
        var image = new java.awt.image.BufferedImage(50, 50, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static String attachedBase64(String name, String type, byte[] content) {
        return "From: a@b.example\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n"
                + "--x\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--x\r\nContent-Type: " + type
                + "\r\nContent-Disposition: attachment; filename=" + name
                + "\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(content) + "\r\n--x--\r\n";
    }

    private static String attached(String name, String type, String content) {
        return "From: a@b.example\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n"
                + "--x\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--x\r\nContent-Type: " + type
                + "\r\nContent-Disposition: attachment; filename=" + name + "\r\n\r\n" + content
                + "\r\n--x--\r\n";
    }

    @Test
    void refusesAConditionThatIsNotTrueOrFalse() {
        assertThatThrownBy(() -> load(PATH, rule("subject"))).hasMessageContaining("condition must be true or false");
    }

    @Test
    void refusesAConditionThatFailsOnAMessageWithoutTheHeaderItReads() {
        assertThatThrownBy(() -> load(PATH, rule("headers[\"x-spam\"][0] == \"yes\"")))
                .hasMessageContaining("condition fails on an empty message");
    }

    @Test
    void refusesBrokenYamlWithItsPosition() {
        assertThatThrownBy(() -> load(PATH, "id: [unclosed\nname: x\n")).hasMessageContaining(PATH + " (line 2");
    }

    @Test
    void refusesMissingFieldsBadIdsSeveritiesAndNames() {
        assertThatThrownBy(() -> load(PATH, rule("true").replace("description: Subject mentions a prize.\n", "")))
                .hasMessageContaining(PATH + ": missing field 'description'");
        assertThatThrownBy(() -> load(PATH, rule("true").replace("6f1c1b4e-8a57-4d0e-9d7a-0f4f7a4b2c11", "42")))
                .hasMessageContaining(PATH + " (line 1, column 5): id must be a UUID: 42");
        assertThatThrownBy(() -> load(PATH, rule("true").replace("severity: medium", "severity: extreme")))
                .hasMessageContaining("severity must be low, medium, high or critical");
        assertThatThrownBy(() -> load(PATH, rule("true").replace("Test category: subject", "subject")))
                .hasMessageContaining("name must read \"Category: specifics\"");
        assertThatThrownBy(() -> load(PATH, rule("true") + "severty: low\n"))
                .hasMessageContaining(PATH + " (line 7, column 1): unknown field 'severty'");
    }

    @Test
    void refusesARuleOutsideACategoryFolder() {
        assertThatThrownBy(() -> load("rules/a-rule.yaml", rule("true")))
                .hasMessageContaining("a rule lives in a category folder");
    }

    @Test
    void refusesTwoRulesWithOneIdNamingBothFiles() {
        List<ResourceFile> files = List.of(
                new ResourceFile("rules/c/one.yaml", rule("true")),
                new ResourceFile("rules/c/two.yaml", rule("false")));

        assertThatThrownBy(() -> RuleSet.of(files))
                .hasMessageContaining("rules/c/two.yaml: id 6f1c1b4e-8a57-4d0e-9d7a-0f4f7a4b2c11 is already used by "
                        + "rules/c/one.yaml");
    }

    @Test
    void reportsEveryInvalidFileAtOnce() {
        List<ResourceFile> files = List.of(
                new ResourceFile("rules/c/one.yaml", rule("nope1")),
                new ResourceFile("rules/c/two.yaml", rule("nope2")));

        assertThatThrownBy(() -> RuleSet.of(files))
                .hasMessageContaining("invalid rules (2)")
                .hasMessageContaining("rules/c/one.yaml")
                .hasMessageContaining("rules/c/two.yaml");
    }

    @Test
    void loadsTheShippedRulePackWithUniqueIdsAndWellFormedSignals() {
        RuleSet rules = RuleSet.fromClasspath();

        assertThat(rules.rules()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(rules.rules()).extracting(Rule::id).doesNotHaveDuplicates();
        assertThat(rules.version()).hasSize(12);
    }

    @Test
    void stopsAtTheDeadlineAndSaysSo() {
        RuleSet rules = load(PATH, rule("true"));
        long[] now = {0};
        Deadline deadline = Deadline.after(java.time.Duration.ofNanos(1), () -> now[0]);
        now[0] = 5;

        RuleOutcome outcome = rules.evaluate(
                new MessageParser(ParseLimits.defaults())
                        .parseMail(new byte[0], Deadline.none())
                        .message(),
                TestContext.contoso(),
                List.of(),
                deadline);

        assertThat(outcome.outOfTime()).isTrue();
        assertThat(outcome.hits()).isEmpty();
    }
}
