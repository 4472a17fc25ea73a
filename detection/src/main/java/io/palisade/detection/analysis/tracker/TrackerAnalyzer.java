package io.palisade.detection.analysis.tracker;

import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.analysis.Findings;
import io.palisade.detection.analysis.url.Url;
import io.palisade.detection.analysis.url.Urls;
import io.palisade.detection.api.ScanContext;
import io.palisade.detection.model.Link;
import io.palisade.detection.model.ParsedMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Layer 7: tracking pixels (remote images of 1x1 pixels or hidden, or served by a known tracker host) and links
 * through known click-tracking hosts. These are privacy findings, weighted low: ordinary newsletters carry them.
 * The banner code calls {@link #trackers(ParsedMessage)} to disarm exactly what was found.
 */
public final class TrackerAnalyzer implements Analyzer {
    public static final String TRACKING_PIXEL = "TRACKING_PIXEL";
    public static final String TRACKER_LINK = "TRACKER_LINK";

    static final int MAX_IMAGES = 500;
    static final int MAX_DETAIL_HOSTS = 5;

    private static final Pattern HIDDEN = Pattern.compile("display\\s*:\\s*none|visibility\\s*:\\s*hidden");
    private static final Pattern STYLE_SIZE =
            Pattern.compile("(?<![-\\w])(width|height)\\s*:\\s*([0-9.]+)\\s*(px)?\\s*(;|$)");

    /** What kind of tracker. */
    public enum Kind {
        /** A remote image that reports when the message is opened. */
        PIXEL,
        /** A link that passes through a click-tracking host before its destination. */
        LINK
    }

    /**
     * One tracker in a message.
     *
     * @param url the URL as written in the message (so that the banner code can find and replace it), never null
     * @param host the tracker's host, lower case, never null
     * @param kind pixel or link, never null
     */
    public record Tracker(String url, String host, Kind kind) {
        public Tracker {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(kind, "kind");
        }
    }

    @Override
    public String name() {
        return "tracker";
    }

    @Override
    public void analyze(ParsedMessage message, ScanContext context, Findings findings) {
        List<Tracker> trackers = trackers(message);
        report(trackers, Kind.PIXEL, TRACKING_PIXEL, findings);
        report(trackers, Kind.LINK, TRACKER_LINK, findings);
    }

    /**
     * Every tracking pixel and tracker link of a message, in document order, each URL once.
     *
     * @param message the parsed message, never null
     * @return the trackers, never null
     */
    public List<Tracker> trackers(ParsedMessage message) {
        List<Tracker> trackers = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        message.html().ifPresent(html -> {
            int count = 0;
            for (Element image : html.select("img[src]")) {
                if (count++ >= MAX_IMAGES) {
                    break;
                }
                pixel(image).filter(t -> seen.add(t.url())).ifPresent(trackers::add);
            }
        });
        for (Link link : message.links()) {
            if (link.source() == Link.Source.HTML_ANCHOR || link.source() == Link.Source.TEXT) {
                remoteHost(link.url())
                        .filter(TrackerHosts::contains)
                        .filter(host -> seen.add(link.url()))
                        .ifPresent(host -> trackers.add(new Tracker(link.url(), host, Kind.LINK)));
            }
        }
        return List.copyOf(trackers);
    }

    private static Optional<Tracker> pixel(Element image) {
        String src = image.attr("src");
        Optional<String> host = remoteHost(src);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String style = image.attr("style").toLowerCase(Locale.ROOT);
        boolean tiny = isTiny(image.attr("width"), image.attr("height"), style);
        boolean hidden = HIDDEN.matcher(style).find() || image.hasAttr("hidden");
        if (tiny || hidden || TrackerHosts.contains(host.get())) {
            return Optional.of(new Tracker(src, host.get(), Kind.PIXEL));
        }
        return Optional.empty();
    }

    private static boolean isTiny(String width, String height, String style) {
        double w = size(width);
        double h = size(height);
        Matcher sizes = STYLE_SIZE.matcher(style);
        while (sizes.find()) {
            double value = parse(sizes.group(2));
            if (sizes.group(1).equals("width")) {
                w = value;
            } else {
                h = value;
            }
        }
        return (w >= 0 && w <= 1 && (h < 0 || h <= 1)) || (h >= 0 && h <= 1 && w < 0);
    }

    private static double size(String attribute) {
        String value = attribute.strip().toLowerCase(Locale.ROOT).replace("px", "");
        return value.isEmpty() ? -1 : parse(value);
    }

    private static double parse(String number) {
        try {
            return Double.parseDouble(number);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<String> remoteHost(String url) {
        return Urls.parse(url).filter(Url::isWeb).map(Url::host);
    }

    private static void report(List<Tracker> trackers, Kind kind, String signal, Findings findings) {
        List<String> hosts = trackers.stream()
                .filter(t -> t.kind() == kind)
                .map(Tracker::host)
                .distinct()
                .limit(MAX_DETAIL_HOSTS)
                .toList();
        if (!hosts.isEmpty()) {
            findings.add(signal, String.join(", ", hosts));
        }
    }
}
