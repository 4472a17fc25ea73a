package io.palisade.banners.compose;

import io.palisade.detection.analysis.tracker.TrackerAnalyzer;
import io.palisade.detection.parse.Deadline;
import io.palisade.detection.parse.MessageParser;
import io.palisade.detection.parse.ParseLimits;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The tracking pixels of a message, found by detection's own tracker analysis so exactly those are disarmed. A
 * re-render of every copy of a message parses the same bytes a thousand times, so the last messages' answers are
 * kept, by tenant and content hash.
 */
final class TrackingPixels {

    // Bounded like a scan: a hostile message costs at most this much time here too.
    private static final Duration BUDGET = Duration.ofSeconds(2);
    private static final int KEPT = 64;

    private final MessageParser parser = new MessageParser(ParseLimits.defaults());
    private final TrackerAnalyzer trackers = new TrackerAnalyzer();
    private final Map<String, Set<String>> recent = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > KEPT;
        }
    };

    /** The pixel URLs as written in the tenant's message; empty when there are none. Never throws on content. */
    Set<String> in(UUID tenantId, byte[] mime) {
        String key = tenantId + ":" + sha256(mime);
        synchronized (recent) {
            Set<String> known = recent.get(key);
            if (known != null) {
                return known;
            }
        }
        Set<String> found = in(mime);
        synchronized (recent) {
            recent.put(key, found);
        }
        return found;
    }

    /** The pixel URLs as written in the message; empty when there are none. Never throws on content. */
    Set<String> in(byte[] mime) {
        return trackers.trackers(parser.parseMail(mime, Deadline.after(BUDGET)).message()).stream()
                .filter(t -> t.kind() == TrackerAnalyzer.Kind.PIXEL)
                .map(TrackerAnalyzer.Tracker::url)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
