package io.palisade.banners.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.palisade.banners.TestBanners;
import io.palisade.banners.render.RenderedBanner;
import io.palisade.detection.api.RiskLevel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;
import org.junit.jupiter.api.Test;

/**
 * A small property test: whatever a sender does to the structure (cut it short, flip bytes, drop or repeat
 * lines, forge boundaries and headers), injection returns a result and never throws; what it rewrites parses back,
 * and injecting again changes nothing. Seeded, so a failure can be replayed.
 */
class MutatedMessagesTest {
    private static final long SEED = 20261203L;
    private static final int MUTANTS_PER_MESSAGE = 50;
    private static final byte[][] NOISE = {
        "\r\n--".getBytes(StandardCharsets.US_ASCII),
        "\r\nContent-Type: multipart/mixed; boundary=\"x\"\r\n".getBytes(StandardCharsets.US_ASCII),
        "\r\nContent-Transfer-Encoding: base64\r\n".getBytes(StandardCharsets.US_ASCII),
        "=?utf-8?B?////?=".getBytes(StandardCharsets.US_ASCII),
        "<div data-palisade-banner=\"v1\" data-palisade-mac=\"".getBytes(StandardCharsets.US_ASCII),
        "Palisade-Banner: v1; tenant=tenant-a; msg=m; level=HIGH; mac=AA\r\n".getBytes(StandardCharsets.US_ASCII),
        {0, (byte) 0xFF, (byte) 0xFE, '\r', '\r', '\n'},
        "=\r\n=XY=".getBytes(StandardCharsets.US_ASCII),
    };

    private final BannerInjector injector = new BannerInjector();
    private final RenderedBanner banner = TestBanners.banner(RiskLevel.HIGH, "m-mutant");

    @Test
    void injectionIntoMutatedMessagesNeverThrowsAndStaysIdempotent() throws IOException {
        Random random = new Random(SEED);
        int rewritten = 0;
        int total = 0;
        for (byte[] original : inputs()) {
            for (int i = 0; i < MUTANTS_PER_MESSAGE; i++) {
                byte[] mutant = mutate(original, random);
                InjectionResult[] result = new InjectionResult[1];

                assertThatCode(() -> result[0] = injector.inject(mutant, banner, TestBanners.options()))
                        .as("mutant %d", i)
                        .doesNotThrowAnyException();
                assertThat(result[0].rewritten()).isEqualTo(result[0].reason() == null);
                if (result[0].rewritten()) {
                    rewritten++;
                    assertParsesBack(result[0].mime());
                    byte[] twice = injector.inject(result[0].mime(), banner, TestBanners.options())
                            .mime();
                    assertThat(twice).as("mutant %d injected twice", i).isEqualTo(result[0].mime());
                } else {
                    assertThat(result[0].mime()).isEqualTo(mutant);
                }
                total++;
            }
        }
        // Most mutants still have a readable body; a run where nothing got a banner would test nothing.
        assertThat(rewritten).isGreaterThan(total / 3);
    }

    private static void assertParsesBack(byte[] mime) {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        assertThatCode(() -> builder.parseMessage(new ByteArrayInputStream(mime)))
                .doesNotThrowAnyException();
    }

    private static List<byte[]> inputs() throws IOException {
        List<byte[]> inputs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of("src/test/resources/golden"))) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                inputs.add(Files.readAllBytes(dir.resolve("input.eml")));
            }
        }
        return inputs;
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] mutant = original;
        int steps = 1 + random.nextInt(4);
        for (int s = 0; s < steps; s++) {
            mutant = switch (random.nextInt(5)) {
                case 0 -> Arrays.copyOf(mutant, random.nextInt(mutant.length + 1));
                case 1 -> flip(mutant, random);
                case 2 -> splice(mutant, NOISE[random.nextInt(NOISE.length)], random);
                case 3 -> repeat(mutant, random);
                default -> cut(mutant, random);
            };
        }
        return mutant;
    }

    private static byte[] flip(byte[] bytes, Random random) {
        byte[] copy = bytes.clone();
        for (int i = 0; i < 1 + random.nextInt(20) && copy.length > 0; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] splice(byte[] bytes, byte[] noise, Random random) {
        int at = random.nextInt(bytes.length + 1);
        byte[] out = new byte[bytes.length + noise.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(noise, 0, out, at, noise.length);
        System.arraycopy(bytes, at, out, at + noise.length, bytes.length - at);
        return out;
    }

    private static byte[] repeat(byte[] bytes, Random random) {
        if (bytes.length == 0) {
            return bytes;
        }
        int from = random.nextInt(bytes.length);
        int length = Math.min(bytes.length - from, 1 + random.nextInt(400));
        return splice(bytes, Arrays.copyOfRange(bytes, from, from + length), random);
    }

    private static byte[] cut(byte[] bytes, Random random) {
        if (bytes.length == 0) {
            return bytes;
        }
        int from = random.nextInt(bytes.length);
        int to = Math.min(bytes.length, from + 1 + random.nextInt(300));
        byte[] out = new byte[bytes.length - (to - from)];
        System.arraycopy(bytes, 0, out, 0, from);
        System.arraycopy(bytes, to, out, from, bytes.length - to);
        return out;
    }
}
