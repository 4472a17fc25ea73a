package io.palisade.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.james.mime4j.dom.Multipart;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GeneratedMailTest {

    private static final TrafficGenerator MICROSOFT = Samples.varied(Samples.M365, 11);
    private static final TrafficGenerator GOOGLE = Samples.varied(Samples.GOOGLE, 12);

    static Stream<Arguments> mailOfEveryKind() {
        return Stream.of(MICROSOFT, GOOGLE).flatMap(generator -> {
            Map<TrafficKind, Long> first = Samples.firstOfEachKind(generator);
            return first.entrySet().stream()
                    .filter(e -> e.getKey().channel() == TrafficKind.Channel.MAIL)
                    .flatMap(e -> Stream.of(e.getValue(), nextOfKind(generator, e.getKey(), e.getValue())))
                    .map(index -> Arguments.of(
                            generator.plan(index).kind(), generator.directory().platform(), generator.render(index)));
        });
    }

    private static long nextOfKind(TrafficGenerator generator, TrafficKind kind, long after) {
        long i = after + 1;
        while (generator.plan(i).kind() != kind) {
            i++;
        }
        return i;
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("mailOfEveryKind")
    void everyKindParsesStrictlyWithTextAndHtmlAlternatives(
            TrafficKind kind, ReceivingPlatform platform, Delivery delivery) {
        MailMessage mail = delivery.mail();
        ParsedMail parsed = ParsedMail.parse(mail.mime());

        assertThat(parsed.text("text/plain")).get().asString().isNotBlank();
        assertThat(parsed.text("text/html")).get().asString().contains("<html").contains("</body>");
        Multipart root = (Multipart) parsed.message.getBody();
        if (parsed.attachments().isEmpty()) {
            assertThat(parsed.message.getMimeType()).isEqualTo("multipart/alternative");
        } else {
            assertThat(parsed.message.getMimeType()).isEqualTo("multipart/mixed");
            assertThat(root.getBodyParts().getFirst().getMimeType()).isEqualTo("multipart/alternative");
        }
        assertThat(parsed.message.getSubject()).isEqualTo(mail.subject());
        assertThat(parsed.message.getMessageId()).isEqualTo(mail.messageId());
        assertThat(parsed.message.getDate()).isNotNull();
        assertThat(parsed.message.getFrom().getFirst().getAddress())
                .isEqualTo(mail.sender().address());
        assertThat(parsed.message.getFrom().getFirst().getName())
                .isEqualTo(mail.sender().displayName());
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("mailOfEveryKind")
    void everyKindIsSevenBitWithCrlfLinesAndReasonableLength(
            TrafficKind kind, ReceivingPlatform platform, Delivery delivery) {
        String raw = new String(delivery.mail().mime(), StandardCharsets.ISO_8859_1);

        assertThat(raw.chars()).allMatch(c -> c < 0x80);
        assertThat(raw.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(raw.split("\r\n")).allMatch(line -> line.length() <= 998);
        assertThat(raw.split("\r\n\r\n", 2)[0].split("\r\n")).allMatch(line -> line.length() <= 120);
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("mailOfEveryKind")
    void authenticationResultsCarrySpfDkimAndDmarcInThePlatformsForm(
            TrafficKind kind, ReceivingPlatform platform, Delivery delivery) {
        ParsedMail parsed = ParsedMail.parse(delivery.mail().mime());
        String results = parsed.header("Authentication-Results");

        assertThat(results).contains("spf=").contains("dkim=").contains("dmarc=");
        if (platform == ReceivingPlatform.GOOGLE_WORKSPACE) {
            assertThat(results).startsWith("mx.google.com;");
        } else {
            assertThat(results).contains("compauth=");
        }
        assertThat(parsed.header("Received")).isNotBlank();
    }
}
