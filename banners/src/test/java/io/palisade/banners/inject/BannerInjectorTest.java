package io.palisade.banners.inject;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.banners.MimeInspection;
import io.palisade.banners.TestBanners;
import io.palisade.banners.marker.BannerMarker;
import io.palisade.banners.marker.MarkerCodec;
import io.palisade.banners.marker.MarkerKey;
import io.palisade.banners.render.BannerModel;
import io.palisade.banners.render.BannerRenderer;
import io.palisade.banners.render.Branding;
import io.palisade.banners.render.RenderedBanner;
import io.palisade.detection.api.RiskLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BannerInjectorTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private final BannerInjector injector = new BannerInjector();

    private static byte[] golden(String name) throws IOException {
        return Files.readAllBytes(GOLDEN.resolve(name).resolve("input.eml"));
    }

    private static byte[] mail(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<BannerMarker> markers(byte[] mime) throws IOException {
        return MimeInspection.texts(mime).stream()
                .flatMap(text -> Stream.concat(
                        Jsoup.parse(text).select("[" + MarkerCodec.ATTRIBUTE + "]").stream()
                                .map(element -> MarkerCodec.fromText(element.attr(MarkerCodec.ATTRIBUTE))),
                        text.lines().map(MarkerCodec::fromTextLine)))
                .flatMap(Optional::stream)
                .toList();
    }

    static Stream<String> rewrittenCases() {
        return Stream.of(
                "layout-tables",
                "rtl-arabic",
                "rtl-hebrew-windows-1255",
                "no-body-tag",
                "huge-inline-css",
                "quoted-reply",
                "text-only-ascii",
                "text-only-german",
                "alternative-attachments-inline",
                "iso-8859-1-html",
                "iso-8859-1-html-french",
                "windows-1252-text",
                "iso-2022-jp-english",
                "iso-2022-jp-french",
                "bare-lf",
                "forged-banner",
                "outlook-word-html",
                "forwarded-base64-rfc822");
    }

    @ParameterizedTest
    @MethodSource("rewrittenCases")
    void injectingTwiceGivesTheSameBytesAsInjectingOnce(String name) throws IOException {
        RenderedBanner banner = TestBanners.banner(RiskLevel.HIGH, "msg-twice", Locale.FRENCH);

        byte[] once =
                injector.inject(golden(name), banner, TestBanners.options()).mime();
        InjectionResult twice = injector.inject(once, banner, TestBanners.options());

        assertThat(twice.bannersReplaced()).isPositive();
        assertThat(new String(twice.mime(), StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(once, StandardCharsets.ISO_8859_1));
    }

    @Test
    void changingLevelsReplacesTheBannerInEveryPartInsteadOfStacking() throws IOException {
        byte[] mime = golden("layout-tables");
        for (RiskLevel level : List.of(RiskLevel.LOW, RiskLevel.MALICIOUS, RiskLevel.SUSPICIOUS)) {
            mime = injector.inject(mime, TestBanners.banner(level, "msg-levels"), TestBanners.options())
                    .mime();
        }

        List<String> texts = MimeInspection.texts(mime);
        assertThat(markers(mime)).hasSize(2);
        assertThat(texts.get(0))
                .contains("[Warning]")
                .doesNotContain("[Caution]")
                .doesNotContain("[Danger]");
        assertThat(texts.get(1))
                .contains(">Warning</strong>")
                .doesNotContain(">Caution<")
                .doesNotContain(">Danger<");
    }

    @Test
    void strippingRestoresThePlainTextAndRemovesTheHtmlBanner() throws IOException {
        byte[] original = golden("layout-tables");
        byte[] bannered = injector.inject(
                        original, TestBanners.banner(RiskLevel.HIGH, "msg-strip"), TestBanners.options())
                .mime();

        InjectionResult stripped = injector.strip(bannered, "msg-strip", TestBanners.options());

        assertThat(stripped.rewritten()).isTrue();
        assertThat(stripped.bannersReplaced()).isEqualTo(2);
        assertThat(markers(stripped.mime())).isEmpty();
        assertThat(MimeInspection.texts(stripped.mime()).get(0))
                .isEqualTo(MimeInspection.texts(original).get(0));
    }

    @Test
    void strippingAMessageWithoutBannerLeavesItUntouched() throws IOException {
        byte[] original = golden("text-only-ascii");

        InjectionResult result = injector.strip(original, "msg-none", TestBanners.options());

        assertThat(result.reason()).isEqualTo(UntouchedReason.NO_BANNER_FOUND);
        assertThat(result.mime()).isEqualTo(original);
    }

    @Test
    void aBannerSignedWithAnotherKeyIsNotTakenForPalisadesOwn() throws IOException {
        MarkerKey other = TestBanners.OTHER_TENANT_KEY;
        BannerMarker foreign = BannerMarker.sign(other, "msg-shared");
        RenderedBanner imitation = new BannerRenderer()
                .render(new BannerModel(RiskLevel.LOW, List.of(), null, Branding.named("Evil"), null, foreign));
        byte[] withImitation = injector.inject(golden("layout-tables"), imitation, InjectionOptions.of(other))
                .mime();

        InjectionResult result =
                injector.inject(withImitation, TestBanners.banner(RiskLevel.HIGH, "msg-shared"), TestBanners.options());

        assertThat(result.bannersReplaced()).isZero();
        assertThat(markers(result.mime()))
                .extracting(BannerMarker::tenantId)
                .containsExactly("tenant-a", "tenant-b", "tenant-a", "tenant-b");
    }

    @Test
    void aBannerFromBeforeAKeyRotationIsStillReplaced() throws IOException {
        MarkerKey retired = TestBanners.OTHER_TENANT_KEY;
        MarkerKey current = new MarkerKey(
                "tenant-b", "the-new-key-of-tenant-b-after-rotation-0123".getBytes(StandardCharsets.US_ASCII));
        RenderedBanner old = render(retired, "msg-rot", RiskLevel.LOW);
        byte[] bannered = injector.inject(golden("text-only-ascii"), old, InjectionOptions.of(retired))
                .mime();

        InjectionOptions rotated = new InjectionOptions(List.of(current, retired), Set.of(), 1_000_000);
        InjectionResult result = injector.inject(bannered, render(current, "msg-rot", RiskLevel.HIGH), rotated);

        assertThat(result.bannersReplaced()).isEqualTo(1);
        assertThat(markers(result.mime()))
                .singleElement()
                .satisfies(m -> assertThat(m.verify(current)).isTrue());
    }

    @Test
    void keepsEveryTopLevelHeaderByteForByte() throws IOException {
        byte[] original = golden("layout-tables");

        byte[] rewritten = injector.inject(original, TestBanners.banner(RiskLevel.LOW, "m"), TestBanners.options())
                .mime();

        assertThat(headerSection(rewritten)).isEqualTo(headerSection(original));
    }

    @Test
    void disarmsOnlyTheListedTrackingPixels() throws IOException {
        InjectionOptions options =
                TestBanners.options().withTrackingPixels(Set.of("https://t.mailer-track.example/open/7f3a9c.gif"));

        InjectionResult result =
                injector.inject(golden("layout-tables"), TestBanners.banner(RiskLevel.HIGH, "m"), options);

        String html = MimeInspection.texts(result.mime()).get(1);
        assertThat(result.trackersDisarmed()).isEqualTo(1);
        assertThat(html).doesNotContain("7f3a9c.gif").contains("open/other.gif").contains("logo.png");
    }

    @Test
    void leavesSmimeSignedOpaqueSignedAndEncryptedMailUntouched() {
        assertUntouched(signedInsideMixed(), UntouchedReason.SIGNED);
        assertUntouched(pkcs7("enveloped-data"), UntouchedReason.ENCRYPTED);
        assertUntouched(pkcs7("signed-data"), UntouchedReason.SIGNED);
        assertUntouched(mail("""
                From: a@example.com
                Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="e"

                --e
                Content-Type: application/pgp-encrypted

                Version: 1
                --e
                Content-Type: application/octet-stream

                -----BEGIN PGP MESSAGE-----
                hQEMA1234
                -----END PGP MESSAGE-----
                --e--
                """), UntouchedReason.ENCRYPTED);
    }

    @Test
    void reportsTheSignatureProtocolWithoutTheSendersStrayCharacters() {
        byte[] signed = mail("""
                From: a@example.com
                Content-Type: multipart/signed; protocol="application/pkcs7-signature <b>"; boundary="s"

                --s
                Content-Type: text/plain

                Signed text.
                --s--
                """);

        InjectionResult result =
                injector.inject(signed, TestBanners.banner(RiskLevel.HIGH, "m-proto"), TestBanners.options());

        assertThat(result.reason()).isEqualTo(UntouchedReason.SIGNED);
        assertThat(result.detail()).isEqualTo("multipart/signed protocol=application/pkcs7-signatureb");
    }

    @Test
    void leavesInlinePgpUntouched() {
        assertUntouched(mail("""
                From: a@example.com
                Content-Type: text/plain

                -----BEGIN PGP SIGNED MESSAGE-----
                Hash: SHA256

                Pay the invoice.
                -----BEGIN PGP SIGNATURE-----
                iQEzBAEBCAAdFiEE
                -----END PGP SIGNATURE-----
                """), UntouchedReason.SIGNED);
        assertUntouched(mail("""
                From: a@example.com
                Content-Type: text/plain

                -----BEGIN PGP MESSAGE-----
                hQEMA1234
                -----END PGP MESSAGE-----
                """), UntouchedReason.ENCRYPTED);
    }

    @Test
    void leavesHugeMessagesUntouched() throws IOException {
        byte[] original = golden("huge-inline-css");
        InjectionOptions small = TestBanners.options().withMaxMessageBytes(10_000);

        InjectionResult result = injector.inject(original, TestBanners.banner(RiskLevel.LOW, "m"), small);

        assertThat(result.reason()).isEqualTo(UntouchedReason.TOO_LARGE);
        assertThat(result.detail()).contains("limit 10000");
        assertThat(result.mime()).isSameAs(original);
    }

    @Test
    void reportsWhyOtherMessagesStayUntouched() {
        assertUntouched(new byte[0], UntouchedReason.MALFORMED);
        assertUntouched(mail("no header here, only text\n"), UntouchedReason.MALFORMED);
        assertUntouched(mail("""
                From: a@example.com
                This header line has no colon and would be lost
                Content-Type: text/plain

                body
                """), UntouchedReason.MALFORMED);
        assertUntouched(mail("""
                From: a@example.com
                Content-Type: text/calendar; method=REQUEST

                BEGIN:VCALENDAR
                END:VCALENDAR
                """), UntouchedReason.NO_TEXT_BODY);
        assertUntouched(mail("""
                From: a@example.com
                Content-Type: text/plain; charset=x-no-such-charset

                hello
                """), UntouchedReason.UNDECODABLE);
        assertUntouched(mail("""
                From: a@example.com
                Content-Type: text/plain
                Content-Transfer-Encoding: x-uuencode

                begin 644 a.txt
                """), UntouchedReason.UNDECODABLE);
    }

    @Test
    void neverBannersAnAttachedMessageOrTextAttachment() throws IOException {
        byte[] original = mail("""
                From: a@example.com
                Content-Type: multipart/mixed; boundary="m"

                --m
                Content-Type: text/plain

                See the forwarded message.
                --m
                Content-Type: message/rfc822
                Content-Disposition: attachment; filename="fwd.eml"

                From: b@example.com
                Subject: inner
                Content-Type: text/plain

                Inner body stays as it was.
                --m--
                """);

        InjectionResult result =
                injector.inject(original, TestBanners.banner(RiskLevel.HIGH, "m-fwd"), TestBanners.options());

        List<String> texts = MimeInspection.texts(result.mime());
        assertThat(texts.get(0)).contains(MarkerCodec.TEXT_PREFIX);
        assertThat(texts.get(1)).isEqualTo("Inner body stays as it was.").doesNotContain("Palisade");
    }

    @Test
    void aTextPartInUndeclaredUsAsciiThatCarries8BitTextIsReadAsUtf8() throws IOException {
        byte[] original = mail("""
                From: a@example.com
                Content-Type: text/plain; charset=us-ascii
                Content-Transfer-Encoding: 8bit

                Grüße aus Köln
                """);

        InjectionResult result =
                injector.inject(original, TestBanners.banner(RiskLevel.LOW, "m-8bit"), TestBanners.options());

        assertThat(new String(result.mime(), StandardCharsets.UTF_8)).contains("charset=utf-8");
        assertThat(MimeInspection.texts(result.mime()).get(0)).endsWith("Grüße aus Köln\r\n");
    }

    @Test
    void aPartThatCannotBeDecodedIsKeptWhileTheOtherGetsTheBanner() throws IOException {
        byte[] original = mail("""
                From: a@example.com
                Content-Type: multipart/alternative; boundary="a"

                --a
                Content-Type: text/plain; charset=x-unknown-charset

                plain
                --a
                Content-Type: text/html; charset=utf-8

                <p>html</p>
                --a--
                """);

        InjectionResult result =
                injector.inject(original, TestBanners.banner(RiskLevel.HIGH, "m-skip"), TestBanners.options());

        assertThat(result.rewritten()).isTrue();
        assertThat(result.skippedParts()).singleElement().asString().contains("text/plain");
        // mime4j's strict reader refuses the unknown charset, so the raw bytes are checked.
        String raw = new String(result.mime(), StandardCharsets.UTF_8);
        assertThat(raw).contains("charset=x-unknown-charset\r\n\r\nplain\r\n--a");
        assertThat(raw.split(MarkerCodec.ATTRIBUTE, -1)).hasSize(2);
    }

    private void assertUntouched(byte[] original, UntouchedReason reason) {
        InjectionResult result =
                injector.inject(original, TestBanners.banner(RiskLevel.HIGH, "m-untouched"), TestBanners.options());

        assertThat(result.reason()).as(result.detail()).isEqualTo(reason);
        assertThat(result.rewritten()).isFalse();
        assertThat(result.mime()).isEqualTo(original);
    }

    private static byte[] signedInsideMixed() {
        return mail("""
                From: a@example.com
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary="s"

                --s
                Content-Type: text/plain

                Signed text.
                --s
                Content-Type: application/pkcs7-signature

                MIIB
                --s--
                --outer--
                """);
    }

    private static byte[] pkcs7(String smimeType) {
        return mail("""
                From: a@example.com
                Content-Type: application/pkcs7-mime; smime-type=%s; name="smime.p7m"
                Content-Transfer-Encoding: base64

                MIAGCSqGSIb3DQEHA6CAMIACAQAxggE=
                """.formatted(smimeType));
    }

    private static RenderedBanner render(MarkerKey key, String messageKey, RiskLevel level) {
        BannerMarker marker = BannerMarker.sign(key, messageKey);
        return new BannerRenderer()
                .render(new BannerModel(level, List.of("r"), null, Branding.named("T"), null, marker));
    }

    private static String headerSection(byte[] mime) {
        String text = new String(mime, StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n\r\n"));
    }
}
