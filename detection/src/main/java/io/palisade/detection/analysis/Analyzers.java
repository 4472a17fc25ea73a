package io.palisade.detection.analysis;

import io.palisade.detection.analysis.attachment.AttachmentAnalyzer;
import io.palisade.detection.analysis.auth.AuthenticationAnalyzer;
import io.palisade.detection.analysis.banner.BannerImitationAnalyzer;
import io.palisade.detection.analysis.banner.BannerMarkerVerifier;
import io.palisade.detection.analysis.content.ContentAnalyzer;
import io.palisade.detection.analysis.prefilter.PrefilterAnalyzer;
import io.palisade.detection.analysis.sender.SenderAnalyzer;
import io.palisade.detection.analysis.tracker.TrackerAnalyzer;
import io.palisade.detection.analysis.url.UrlAnalyzer;
import java.util.List;
import java.util.Objects;

/**
 * The standard analyzers in layer order. Build the list once and share it: every analyzer is stateless and
 * thread-safe, and building loads the reference lists.
 *
 * <pre>{@code
 * List<Analyzer> analyzers = Analyzers.defaults(new HmacBannerMarkers(keys::bannerKey));
 * for (Analyzer analyzer : analyzers) {
 *     analyzer.analyze(message, context, findings);
 * }
 * }</pre>
 */
public final class Analyzers {
    private Analyzers() {}

    /**
     * The eight layers: prefilter, authentication, sender, URL, attachment, content, tracker, banner.
     *
     * @param bannerMarkers checks the signed markers of Palisade's banners, never null (use {@link
     *     BannerMarkerVerifier#rejectingAll()} when the deployment has no banner keys)
     * @return the analyzers in layer order, immutable
     */
    public static List<Analyzer> defaults(BannerMarkerVerifier bannerMarkers) {
        Objects.requireNonNull(bannerMarkers, "bannerMarkers");
        PrefilterAnalyzer prefilter = new PrefilterAnalyzer();
        UrlAnalyzer urls = new UrlAnalyzer();
        return List.of(
                prefilter,
                new AuthenticationAnalyzer(),
                new SenderAnalyzer(),
                urls,
                new AttachmentAnalyzer(urls, prefilter),
                new ContentAnalyzer(),
                new TrackerAnalyzer(),
                new BannerImitationAnalyzer(bannerMarkers));
    }
}
