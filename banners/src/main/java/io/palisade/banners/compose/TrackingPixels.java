package io.palisade.banners.compose;

import io.palisade.detection.analysis.tracker.TrackerAnalyzer;
import io.palisade.detection.parse.Deadline;
import io.palisade.detection.parse.MessageParser;
import io.palisade.detection.parse.ParseLimits;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/** The tracking pixels of a message, found by detection's own tracker analysis so exactly those are disarmed. */
final class TrackingPixels {

    // Bounded like a scan: a hostile message costs at most this much time here too.
    private static final Duration BUDGET = Duration.ofSeconds(2);

    private final MessageParser parser = new MessageParser(ParseLimits.defaults());
    private final TrackerAnalyzer trackers = new TrackerAnalyzer();

    /** The pixel URLs as written in the message; empty when there are none. Never throws on content. */
    Set<String> in(byte[] mime) {
        return trackers.trackers(parser.parseMail(mime, Deadline.after(BUDGET)).message()).stream()
                .filter(t -> t.kind() == TrackerAnalyzer.Kind.PIXEL)
                .map(TrackerAnalyzer.Tracker::url)
                .collect(Collectors.toUnmodifiableSet());
    }
}
