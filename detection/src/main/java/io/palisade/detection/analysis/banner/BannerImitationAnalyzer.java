package io.palisade.detection.analysis.banner;

import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.analysis.Findings;
import io.palisade.detection.api.ScanContext;
import io.palisade.detection.model.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Layer 8: inbound mail that imitates Palisade's own banner to look vetted. A Palisade marker that does not verify,
 * Palisade banner markup (a {@code palisade} id or class, a {@code data-palisade-*} attribute) or Palisade named at
 * the top beside safety wording, all without a valid marker, is {@code BANNER_FORGED}. Any security-product "this
 * message is safe" claim at the top of the body is {@code SAFETY_BANNER_IMITATION}: genuine products warn, they
 * do not vouch inside the body.
 */
public final class BannerImitationAnalyzer implements Analyzer {
    public static final String BANNER_FORGED = "BANNER_FORGED";
    public static final String SAFETY_BANNER_IMITATION = "SAFETY_BANNER_IMITATION";

    /** Banners sit at the top; only this much of the body text is read for banner wording. */
    static final int TOP_CHARS = 600;

    private static final Pattern SAFETY_CLAIM = Pattern.compile(
            "(this|the)\\s+(message|email|e-mail|mail|sender|link|attachment)s?\\s+(is|are|has been|have been|was)\\s+"
                    + "((verified|scanned|checked|confirmed)\\s+)?(as\\s+)?(safe|trusted|clean|legitimate|genuine)\\b"
                    + "|(verified|scanned|checked|approved)\\s+(as\\s+)?(safe|clean|trusted)\\b"
                    + "|no\\s+(threats?|viruses|malware)\\s+(were\\s+)?(detected|found)");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern PALISADE = Pattern.compile("\\bpalisade\\b");

    private final BannerMarkerVerifier verifier;

    /** @param verifier checks markers' signatures, never null */
    public BannerImitationAnalyzer(BannerMarkerVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    @Override
    public String name() {
        return "banner";
    }

    @Override
    public void analyze(ParsedMessage message, ScanContext context, Findings findings) {
        List<String> markerTexts = markerTexts(message);
        boolean genuine = markerTexts.stream()
                .map(BannerMarker::parse)
                .flatMap(Optional::stream)
                .anyMatch(marker -> verifier.verify(context.tenantId(), marker));
        if (genuine) {
            return;
        }
        String top = top(message.textBody());
        boolean safetyClaim = SAFETY_CLAIM.matcher(top).find();
        if (!markerTexts.isEmpty()) {
            findings.add(BANNER_FORGED, "a Palisade marker that is not genuine");
        } else if (message.html()
                .filter(BannerImitationAnalyzer::hasPalisadeMarkup)
                .isPresent()) {
            findings.add(BANNER_FORGED, "a copy of the Palisade banner layout");
        } else if (PALISADE.matcher(top).find() && safetyClaim) {
            findings.add(BANNER_FORGED, "a Palisade safety notice");
        } else if (safetyClaim) {
            findings.add(SAFETY_BANNER_IMITATION, "a claim that the message was checked and is safe");
        }
    }

    private static List<String> markerTexts(ParsedMessage message) {
        List<String> texts = new ArrayList<>();
        message.html()
                .ifPresent(html -> html.select("[" + BannerMarker.HTML_ATTRIBUTE + "]")
                        .forEach(e -> texts.add(e.attr(BannerMarker.HTML_ATTRIBUTE))));
        Matcher inText = BannerMarker.TEXT_FORM.matcher(message.textBody());
        while (inText.find() && texts.size() < 10) {
            texts.add(inText.group());
        }
        return texts;
    }

    private static boolean hasPalisadeMarkup(Document html) {
        for (Element element : html.select("[id], [class]")) {
            String names = (element.id() + " " + element.className()).toLowerCase(Locale.ROOT);
            if (names.contains("palisade")) {
                return true;
            }
        }
        return !html.select("[^data-palisade]").isEmpty();
    }

    /** The start of the text: at most {@link #TOP_CHARS}, and at most 40% of it, so a short mail's footer is out. */
    private static String top(String text) {
        int end = Math.min(TOP_CHARS, Math.max(text.length() * 2 / 5, Math.min(text.length(), 120)));
        String start = text.substring(0, end);
        return SPACES.matcher(start.toLowerCase(Locale.ROOT)).replaceAll(" ");
    }
}
