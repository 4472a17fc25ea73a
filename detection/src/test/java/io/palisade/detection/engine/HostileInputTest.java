package io.palisade.detection.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.detection.api.ScanInput;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import io.palisade.detection.model.Attachment;
import io.palisade.detection.model.ParsedMessage;
import io.palisade.detection.parse.ParseLimits;
import io.palisade.detection.testing.Fixtures;
import io.palisade.detection.testing.ReadsEverything;
import io.palisade.detection.testing.TestContext;
import io.palisade.detection.testing.TestSignals;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scanner's promise on hostile input: a verdict for everything, no exception, every stage still running, and
 * what it keeps bounded by the limits. Mutations are seeded, so a failure reproduces.
 */
class HostileInputTest {

    /** The default limits, with a time budget no test machine reaches, so that no outcome depends on speed. */
    private static final ParseLimits LIMITS = ParseLimits.defaults().withTimeBudget(Duration.ofMinutes(10));

    private static final DefaultScanner SCANNER = DefaultScanner.builder()
            .limits(LIMITS)
            .catalogue(TestSignals.catalogue())
            .analyzers(List.of(new ReadsEverything()))
            .strictSignals(true)
            .build();
    private static final List<String> FIXTURES =
            List.of("mail/plain.eml", "mail/alternative.eml", "mail/attachment.eml");
    private static final int MUTATIONS_PER_FIXTURE = 100;

    static Stream<byte[]> mutatedMessages() {
        Random random = new Random(20261203L);
        List<byte[]> inputs = new ArrayList<>();
        for (String fixture : FIXTURES) {
            byte[] original = Fixtures.bytes(fixture);
            for (int i = 0; i < MUTATIONS_PER_FIXTURE; i++) {
                inputs.add(Mutations.mutate(original, random));
            }
        }
        return inputs.stream();
    }

    @ParameterizedTest(name = "mutation {index}")
    @MethodSource("mutatedMessages")
    void scansEveryMutatedMessageWithoutFailing(byte[] raw) {
        assertScannedWithinLimits(raw);
    }

    @Test
    void flagsMultipartsNestedAThousandDeep() {
        StringBuilder raw = new StringBuilder("From: a@b.example\r\nSubject: deep\r\n");
        for (int depth = 0; depth < 1000; depth++) {
            raw.append("Content-Type: multipart/mixed; boundary=\"b")
                    .append(depth)
                    .append("\"\r\n\r\n--b")
                    .append(depth)
                    .append("\r\n");
        }
        raw.append("Content-Type: text/plain\r\n\r\nbottom\r\n");

        Verdict verdict = assertScannedWithinLimits(ascii(raw));

        assertThat(verdict.has("LIMIT_MIME_DEPTH")).isTrue();
    }

    @Test
    void flagsAttachedMessagesNestedAThousandDeep() {
        String raw = "From: a@b.example\r\nContent-Type: message/rfc822\r\n\r\n".repeat(1000) + "\r\nbottom\r\n";

        assertThat(assertScannedWithinLimits(ascii(raw)).has("LIMIT_MIME_DEPTH"))
                .isTrue();
    }

    @Test
    void flagsAHeaderOfAMegabyte() {
        String raw = "From: a@b.example\r\nX-Big: " + "a".repeat(1024 * 1024) + "\r\nSubject: s\r\n\r\nbody\r\n";

        assertThat(assertScannedWithinLimits(ascii(raw)).has("LIMIT_HEADER_SIZE"))
                .isTrue();
    }

    @Test
    void flagsAHeaderFoldedOverManyLines() {
        String raw = "From: a@b.example\r\nX-Folded: a" + "\r\n b".repeat(100_000) + "\r\n\r\nbody\r\n";

        assertThat(assertScannedWithinLimits(ascii(raw)).has("LIMIT_HEADER_SIZE"))
                .isTrue();
    }

    @Test
    void flagsTenThousandHeaders() {
        String raw = "From: a@b.example\r\n" + "X-H: v\r\n".repeat(10_000) + "\r\nbody\r\n";

        assertThat(assertScannedWithinLimits(ascii(raw)).has("LIMIT_HEADER_COUNT"))
                .isTrue();
    }

    @Test
    void flagsThousandsOfParts() {
        StringBuilder raw = new StringBuilder("From: a@b.example\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n");
        for (int i = 0; i < LIMITS.maxParts() + 100; i++) {
            raw.append("--x\r\nContent-Type: application/octet-stream; name=f")
                    .append(i)
                    .append(".bin\r\n\r\nAA\r\n");
        }
        raw.append("--x--\r\n");

        Verdict verdict = assertScannedWithinLimits(ascii(raw));

        assertThat(verdict.has("LIMIT_PART_COUNT")).isTrue();
    }

    @Test
    void readsABodyOfOneLongLineWithoutCallingItAHeaderProblem() {
        String raw = "From: a@b.example\r\nSubject: s\r\n\r\n" + "word ".repeat(400_000) + "\r\n";

        Verdict verdict = assertScannedWithinLimits(ascii(raw));

        assertThat(verdict.signals()).extracting(Signal::name).doesNotContain("LIMIT_HEADER_SIZE", "PARSE_ISSUE");
    }

    @Test
    void cutsHtmlOverTheLimit() {
        String raw = "From: a@b.example\r\nContent-Type: text/html\r\n\r\n<p>"
                + "<b>x</b> and text\r\n".repeat(LIMITS.maxHtmlChars() / 15) + "</p>\r\n";

        assertThat(assertScannedWithinLimits(ascii(raw)).has("LIMIT_HTML_SIZE")).isTrue();
    }

    @Test
    void survivesHtmlNestedAHundredThousandDeep() {
        String raw = "From: a@b.example\r\nContent-Type: text/html\r\n\r\n" + "<div>".repeat(100_000) + "deep"
                + "</div>".repeat(100_000) + "\r\n";

        assertScannedWithinLimits(ascii(raw));
    }

    @Test
    void keepsNoMoreLinksThanTheLimit() {
        StringBuilder raw = new StringBuilder("From: a@b.example\r\nContent-Type: text/html\r\n\r\n");
        for (int i = 0; i < LIMITS.maxLinks() * 2; i++) {
            raw.append("<a href=\"https://x.example/").append(i).append("\">x</a>\r\n");
        }

        assertThat(SCANNER.scanWithReport(new ScanInput.Mail(ascii(raw)), TestContext.contoso())
                        .message()
                        .links())
                .hasSize(LIMITS.maxLinks());
    }

    @Test
    void survivesBase64GarbageAndBogusCharsets() {
        String raw = "From: =?x-nothing?B?////?= <a@b.example>\r\nSubject: =?utf-8?Q?=ZZ=?= =?koi8-r?B?####?=\r\n"
                + "Content-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\n"
                + "Content-Type: text/plain; charset=\"\u00ff\u00fe-bogus\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + "!!!@@@###$$$%%%^^^&&&***\r\n--q\r\nContent-Type: application/pdf; name=a.pdf\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + "=-=-=*&^%$".repeat(1000) + "\r\n--q--\r\n";

        Verdict verdict = assertScannedWithinLimits(raw.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(verdict.has("PARSE_ISSUE")).isTrue();
    }

    @Test
    void scansRandomBinaryNoiseAndEmptyInput() {
        byte[] noise = new byte[200_000];
        new Random(7).nextBytes(noise);

        assertScannedWithinLimits(noise);
        assertScannedWithinLimits(new byte[0]);
    }

    @Test
    void keepsNoMoreOfAHugeAttachmentThanThePartLimit() {
        ParseLimits small =
                new ParseLimits(1 << 22, 10, 50, 1000, 5000, 100, 4096, 10_000, 10_000, 10, LIMITS.timeBudget());
        DefaultScanner scanner = DefaultScanner.builder().limits(small).build();
        String raw = "From: a@b.example\r\nContent-Type: application/zip; name=a.zip\r\n\r\n" + "z".repeat(50_000);

        ScanReport report = scanner.scanWithReport(new ScanInput.Mail(ascii(raw)), TestContext.contoso());

        Attachment zip = report.message().attachments().getFirst();
        assertThat(zip.content()).hasSize(1000);
        assertThat(zip.truncated()).isTrue();
        assertThat(report.verdict().has("LIMIT_PART_SIZE")).isTrue();
    }

    private static Verdict assertScannedWithinLimits(byte[] raw) {
        ScanReport report = SCANNER.scanWithReport(new ScanInput.Mail(raw), TestContext.contoso());

        ParsedMessage message = report.message();
        assertThat(report.verdict()).isNotNull();
        assertThat(report.verdict().signals())
                .extracting(Signal::name)
                .doesNotContain("SCAN_FAILED", "ANALYZER_FAILED", "RULE_FAILED");
        assertThat(report.findings()).extracting(f -> f.signal()).contains("TEST_SEEN");
        assertThat(message.textBody().length()).isLessThanOrEqualTo(LIMITS.maxTextChars());
        assertThat(message.links()).hasSizeLessThanOrEqualTo(LIMITS.maxLinks());
        assertThat(message.attachments()).allMatch(a -> a.content().length <= LIMITS.maxPartBytes());
        assertThat(message.attachments().stream()
                        .mapToLong(a -> a.content().length)
                        .sum())
                .isLessThanOrEqualTo(LIMITS.maxTotalDecodedBytes());
        return report.verdict();
    }

    private static byte[] ascii(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Byte-level mutations of a real message. */
    static final class Mutations {

        private static final String[] CHARSETS = {
            "x-bogus", "utf-7", "utf-32", "\"\"", "iso-8859-99", "big5", "a".repeat(300)
        };

        static byte[] mutate(byte[] original, Random random) {
            return switch (random.nextInt(7)) {
                case 0 -> flipBytes(original, random);
                case 1 -> Arrays.copyOf(original, random.nextInt(original.length + 1));
                case 2 -> insertNoise(original, random);
                case 3 -> duplicateSlice(original, random);
                case 4 -> replace(original, "charset=", "charset=" + CHARSETS[random.nextInt(CHARSETS.length)] + ";x=");
                case 5 -> replace(original, "boundary=\"", "boundary=\"" + (char) ('a' + random.nextInt(26)));
                default -> replace(original, "\r\n", random.nextBoolean() ? "\n" : "\r");
            };
        }

        private static byte[] flipBytes(byte[] original, Random random) {
            byte[] copy = original.clone();
            for (int i = random.nextInt(20) + 1; i > 0; i--) {
                copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            }
            return copy;
        }

        private static byte[] insertNoise(byte[] original, Random random) {
            int at = random.nextInt(original.length);
            byte[] noise = new byte[random.nextInt(500) + 1];
            random.nextBytes(noise);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(original, 0, at);
            out.writeBytes(noise);
            out.write(original, at, original.length - at);
            return out.toByteArray();
        }

        private static byte[] duplicateSlice(byte[] original, Random random) {
            int from = random.nextInt(original.length);
            int to = from + random.nextInt(original.length - from);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(original, 0, to);
            for (int i = random.nextInt(50); i >= 0; i--) {
                out.write(original, from, to - from);
            }
            out.write(original, to, original.length - to);
            return out.toByteArray();
        }

        private static byte[] replace(byte[] original, String target, String replacement) {
            String text = new String(original, StandardCharsets.ISO_8859_1);
            return text.replace(target, replacement).getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
