package io.palisade.detection.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BoundedContentTest {

    private static final byte[] DATA = new byte[100_000];

    static {
        for (int i = 0; i < DATA.length; i++) {
            DATA[i] = (byte) (i * 31);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void keepsEverythingUnderTheLimit() throws Exception {
        BoundedContent content = BoundedContent.read(new ByteArrayInputStream(DATA), 200_000, Deadline.none());

        assertThat(content.bytes()).isEqualTo(DATA);
        assertThat(content.truncated()).isFalse();
        assertThat(content.sha256()).isEqualTo(sha256(DATA));
    }

    @Test
    void keepsTheLimitButHashesTheWholePart() throws Exception {
        BoundedContent content = BoundedContent.read(new ByteArrayInputStream(DATA), 1000, Deadline.none());

        assertThat(content.bytes()).hasSize(1000);
        assertThat(content.totalLength()).isEqualTo(DATA.length);
        assertThat(content.truncated()).isTrue();
        assertThat(content.sha256()).isEqualTo(sha256(DATA));
    }

    @Test
    void leavesNoHashWhenTheDeadlineStopsTheReading() throws IOException {
        long[] now = {0};
        Deadline deadline = Deadline.after(Duration.ofNanos(1), () -> now[0]);
        now[0] = 2;

        BoundedContent content = BoundedContent.read(new ByteArrayInputStream(DATA), 200_000, deadline);

        assertThat(content.stopped()).isTrue();
        assertThat(content.truncated()).isTrue();
        assertThat(content.sha256()).isEmpty();
    }
}
