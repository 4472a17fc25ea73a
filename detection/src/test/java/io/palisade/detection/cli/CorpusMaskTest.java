package io.palisade.detection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CorpusMaskTest {

    private static String mask(String message) {
        return new String(CorpusMask.apply(message.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
    }

    @Test
    void dropsEraHeadersWithTheirContinuationLinesAndKeepsTheRest() {
        String masked = mask("Received: from a.example\n\tby b.example; Mon, 1 Jul 2002\n"
                + "From: Pat <pat@shop.example>\nX-Mailer: Outlook Express 5\nMessage-ID: <1@x>\n"
                + "X-Spam-Status: No\nDate: Mon, 1 Jul 2002\nSubject: Hello\n\nReceived: stays in the body\n");

        assertThat(masked).isEqualTo("From: Pat <pat@shop.example>\nSubject: Hello\n\nReceived: stays in the body\n");
    }

    @Test
    void replacesTheCollectorsAnonymisedAddressesEverywhere() {
        String masked = mask("To: username@domain.com\r\n"
                + "Cc: zzzz@spamassassin.taint.org, bob@login.monkey.org\r\n\r\n"
                + "Dear jose@monkey.org, see http://www.domain.com/ and mydomain.com.\r\n");

        assertThat(masked)
                .isEqualTo("To: reader@example.net\r\nCc: reader@example.net, bob@example.net\r\n\r\n"
                        + "Dear reader@example.net, see http://example.net/ and mydomain.com.\r\n");
    }

    @Test
    void keepsEightBitBytesAsTheyWere() {
        byte[] raw = {'S', 'u', 'b', 'j', 'e', 'c', 't', ':', ' ', (byte) 0xE9, '\n', '\n', (byte) 0xFF, '\n'};

        assertThat(CorpusMask.apply(raw)).isEqualTo(raw);
    }
}
