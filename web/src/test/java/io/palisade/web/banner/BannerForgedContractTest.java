package io.palisade.web.banner;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.mail.MailItem;
import io.palisade.core.pipeline.BannerComposer;
import io.palisade.core.scan.TenantScanContexts;
import io.palisade.core.tenant.Tenant;
import io.palisade.detection.analysis.banner.BannerImitationAnalyzer;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.ScanInput;
import io.palisade.detection.api.Signal;
import io.palisade.detection.engine.DefaultScanner;
import io.palisade.web.WebTests;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * The contract between {@code banners}, which signs a marker into every banner with the tenant's key, and
 * {@code detection}, which verifies markers and flags imitations (BANNER_FORGED): a message bannered by the
 * production composer is scanned by the production scanner in the tenant's context, as a re-scan or a reply
 * quoting it would be; then the same banner pasted into a new message with its signature altered, cut off, or made
 * for another tenant.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BannerForgedContractTest {

    static final String INBOUND = """
            From: "Dana Payroll" <dana@contoso-payroll.com>
            To: alice@fabrikam.example
            Subject: Payroll update
            Message-ID: <%s@contoso-payroll.com>
            Date: Thu, 03 Dec 2026 09:00:00 +0000
            MIME-Version: 1.0
            Content-Type: multipart/alternative; boundary="alt"

            --alt
            Content-Type: text/plain; charset=us-ascii

            Hello, the payroll calendar for January is attached to the intranet page.

            --alt
            Content-Type: text/html; charset=us-ascii

            <html><body><p>Hello, the payroll calendar for January is attached to the intranet page.</p></body></html>
            --alt--
            """;

    static final String PASTED = """
            From: "IT Service Desk" <service.desk@fabrikam-support.example>
            To: alice@fabrikam.example
            Subject: Action needed on your mailbox
            Message-ID: <%s@fabrikam-support.example>
            Date: Thu, 03 Dec 2026 10:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/html; charset=utf-8
            Content-Transfer-Encoding: 8bit

            %s
            """;

    static final Pattern MARKER = Pattern.compile("data-palisade-marker=\"([^\"]+)\"");

    @Autowired
    ApplicationContext context;

    @Autowired
    BannerComposer composer;

    @Autowired
    DefaultScanner scanner;

    @Autowired
    TenantScanContexts contexts;

    LiveFixtures fixtures;
    Tenant tenant;

    @BeforeEach
    void setUp() {
        fixtures = new LiveFixtures(context);
        tenant = fixtures.tenant("Fabrikam " + UUID.randomUUID());
    }

    @Test
    void aGenuinePalisadeBannerIsNotForged() {
        byte[] original = inbound();
        byte[] bannered = bannered(tenant, original);

        assertThat(MARKER.matcher(htmlOf(bannered)).find())
                .as("the composer wrote a marked banner")
                .isTrue();
        assertThat(signalNames(bannered, tenant)).doesNotContain(BannerImitationAnalyzer.BANNER_FORGED);
        assertThat(signalNames(original, tenant)).doesNotContain(BannerImitationAnalyzer.BANNER_FORGED);
    }

    @Test
    void aBannerWhoseMarkerWasAlteredIsForged() {
        String html = htmlOf(bannered(tenant, inbound()));
        String marker = markerOf(html);
        String altered = alterSignature(marker);

        byte[] forged = pasted(html.replace(marker, altered));

        assertThat(forgeries(forged, tenant)).containsExactly("a Palisade marker that is not genuine");
        assertThat(forgeries(pasted(html), tenant))
                .as("the same banner with its marker intact verifies")
                .isEmpty();
    }

    @Test
    void aBannerPastedIntoANewMessageWithoutItsSignatureIsForged() {
        String html = htmlOf(bannered(tenant, inbound()));
        String marker = markerOf(html);
        String unsigned = marker.substring(0, marker.lastIndexOf('.') + 1);

        byte[] forged = pasted(html.replace(marker, unsigned));

        assertThat(forgeries(forged, tenant)).containsExactly("a Palisade marker that is not genuine");
    }

    @Test
    void aBannerSignedForAnotherTenantIsForgedInThisOne() {
        Tenant other = fixtures.tenant("Northwind " + UUID.randomUUID());
        byte[] forged = pasted(htmlOf(bannered(other, inbound())));

        assertThat(forgeries(forged, other)).as("genuine where it was signed").isEmpty();
        assertThat(forgeries(forged, tenant)).containsExactly("a Palisade marker that is not genuine");
    }

    private byte[] bannered(Tenant owner, byte[] original) {
        MailItem item =
                fixtures.item(fixtures.mailbox(owner, "alice"), "<" + UUID.randomUUID() + "@contoso-payroll.com>");
        fixtures.verdict(item, RiskLevel.SUSPICIOUS, LiveFixtures.LOOKALIKE);
        BannerComposer.Composition composed = composer.compose(item, original);
        assertThat(composed.untouchedReason()).isNull();
        return composed.mime();
    }

    private List<String> signalNames(byte[] mime, Tenant scanning) {
        return signals(mime, scanning).stream().map(Signal::name).toList();
    }

    private List<String> forgeries(byte[] mime, Tenant scanning) {
        return signals(mime, scanning).stream()
                .filter(s -> s.name().equals(BannerImitationAnalyzer.BANNER_FORGED))
                .map(Signal::evidence)
                .toList();
    }

    private List<Signal> signals(byte[] mime, Tenant scanning) {
        return scanner.scan(new ScanInput.Mail(mime), contexts.forTenant(scanning.getId()))
                .signals();
    }

    private static byte[] inbound() {
        return crlf(INBOUND.formatted(UUID.randomUUID()));
    }

    /** A new inbound message whose whole body is the given HTML, as an attacker would paste a banner. */
    private static byte[] pasted(String html) {
        return crlf(PASTED.formatted(UUID.randomUUID(), html));
    }

    private static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The decoded HTML part of a message. */
    private static String htmlOf(byte[] mime) {
        String readable = WebTests.readable(mime);
        int start = readable.indexOf("<html");
        int end = readable.lastIndexOf("</html>");
        assertThat(start).as("an HTML part").isNotNegative();
        return readable.substring(start, end + "</html>".length());
    }

    private static String markerOf(String html) {
        Matcher matcher = MARKER.matcher(html);
        assertThat(matcher.find()).as("a marker in the banner").isTrue();
        return matcher.group(1);
    }

    /** The marker with one character of its signature (its last part) changed. */
    private static String alterSignature(String marker) {
        int at = marker.lastIndexOf('.') + 3;
        char replacement = marker.charAt(at) == 'A' ? 'B' : 'A';
        return marker.substring(0, at) + replacement + marker.substring(at + 1);
    }
}
