package io.palisade.banners.inject;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.banners.MimeInspection;
import io.palisade.banners.TestBanners;
import io.palisade.banners.marker.BannerMarker;
import io.palisade.banners.marker.MarkerCodec;
import io.palisade.banners.render.RenderedBanner;
import io.palisade.detection.api.RiskLevel;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each folder under {@code golden/} holds an input message, the case's settings and the expected output. Run with
 * {@code -Dgolden.update=true} to rewrite the expected files after a deliberate change, then review the diff.
 */
class GoldenFilesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private final BannerInjector injector = new BannerInjector();

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            return dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void injectionMatchesGoldenFileAndKeepsAttachmentsByteForByte(String name) throws IOException {
        Path dir = GOLDEN.resolve(name);
        Properties settings = settings(dir);
        byte[] input = Files.readAllBytes(dir.resolve("input.eml"));

        InjectionResult result = injectAsConfigured(input, settings);
        String expect = settings.getProperty("expect", "rewritten");

        if (!expect.equals("rewritten")) {
            assertThat(result.reason()).hasToString(expect);
            assertThat(result.mime()).isEqualTo(input);
        } else {
            assertThat(result.rewritten()).as(result.detail()).isTrue();
            assertThat(MimeInspection.attachmentHashes(result.mime()))
                    .isEqualTo(MimeInspection.attachmentHashes(input));
            assertThat(countMarkers(result.mime(), settings.getProperty("msg")))
                    .as("one banner per displayed part, never stacked")
                    .isEqualTo(Long.parseLong(settings.getProperty("banners")));
        }
        compareWithGolden(dir.resolve("expected.eml"), result.mime());
    }

    private InjectionResult injectAsConfigured(byte[] input, Properties settings) {
        String msg = settings.getProperty("msg");
        Locale locale = Locale.forLanguageTag(settings.getProperty("locale", "en"));
        Set<String> trackers = Arrays.stream(
                        settings.getProperty("trackers", "").split(","))
                .filter(url -> !url.isBlank())
                .collect(Collectors.toSet());
        InjectionOptions options = TestBanners.options().withTrackingPixels(trackers);

        byte[] message = input;
        String earlier = settings.getProperty("prepare.level");
        if (earlier != null) {
            RenderedBanner first = TestBanners.banner(RiskLevel.valueOf(earlier), msg, locale);
            message = injector.inject(input, first, options).mime();
        }
        RenderedBanner banner = TestBanners.banner(RiskLevel.valueOf(settings.getProperty("level")), msg, locale);
        return injector.inject(message, banner, options);
    }

    private static long countMarkers(byte[] mime, String messageKey) throws IOException {
        return MimeInspection.texts(mime).stream()
                .mapToLong(text -> countOurMarkers(text, messageKey))
                .sum();
    }

    /** Genuine markers of this message: imitations (a wrong MAC) and quoted banners of other messages do not count. */
    private static long countOurMarkers(String text, String messageKey) {
        Stream<Optional<BannerMarker>> html = Jsoup.parse(text).select("[" + MarkerCodec.ATTRIBUTE + "]").stream()
                .map(element -> MarkerCodec.fromText(element.attr(MarkerCodec.ATTRIBUTE)));
        Stream<Optional<BannerMarker>> plain = text.lines().map(MarkerCodec::fromTextLine);
        return Stream.concat(html, plain)
                .flatMap(Optional::stream)
                .filter(marker -> marker.messageKey().equals(messageKey) && marker.verify(TestBanners.KEY))
                .count();
    }

    private static void compareWithGolden(Path expected, byte[] actual) throws IOException {
        if (UPDATE) {
            Files.write(expected, actual);
            return;
        }
        assertThat(expected)
                .as("golden file missing; run with -Dgolden.update=true")
                .exists();
        String want = new String(Files.readAllBytes(expected), StandardCharsets.ISO_8859_1);
        assertThat(new String(actual, StandardCharsets.ISO_8859_1)).isEqualTo(want);
    }

    private static Properties settings(Path dir) throws IOException {
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve("case.properties"))) {
            settings.load(reader);
        }
        return settings;
    }
}
