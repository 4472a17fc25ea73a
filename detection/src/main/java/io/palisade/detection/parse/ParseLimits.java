package io.palisade.detection.parse;

import java.time.Duration;
import java.util.Objects;

/**
 * The hard limits that bound the time and memory one input may take. Going past a limit never fails a scan: the
 * parser keeps what it read so far and records a {@link ParseIssue} that becomes a limit signal.
 *
 * @param maxMessageBytes bytes of a raw message read; the rest is ignored
 * @param maxMimeDepth nesting depth of multiparts and attached messages
 * @param maxParts MIME parts (bodies and containers) in one message
 * @param maxPartBytes decoded bytes kept of one part
 * @param maxTotalDecodedBytes decoded bytes kept over all parts
 * @param maxHeaders header fields in one entity; four times as many in the whole message
 * @param maxHeaderBytes bytes of one header field, folded lines included, and of one header line
 * @param maxHtmlChars characters of HTML handed to the HTML parser
 * @param maxTextChars characters of body text kept
 * @param maxLinks links kept
 * @param timeBudget wall time for one whole scan; stages check it between steps
 */
public record ParseLimits(
        int maxMessageBytes,
        int maxMimeDepth,
        int maxParts,
        int maxPartBytes,
        long maxTotalDecodedBytes,
        int maxHeaders,
        int maxHeaderBytes,
        int maxHtmlChars,
        int maxTextChars,
        int maxLinks,
        Duration timeBudget) {

    private static final int MIB = 1024 * 1024;

    public ParseLimits {
        requirePositive(maxMessageBytes, "maxMessageBytes");
        requirePositive(maxMimeDepth, "maxMimeDepth");
        requirePositive(maxParts, "maxParts");
        requirePositive(maxPartBytes, "maxPartBytes");
        requirePositive(maxTotalDecodedBytes, "maxTotalDecodedBytes");
        requirePositive(maxHeaders, "maxHeaders");
        requirePositive(maxHeaderBytes, "maxHeaderBytes");
        requirePositive(maxHtmlChars, "maxHtmlChars");
        requirePositive(maxTextChars, "maxTextChars");
        requirePositive(maxLinks, "maxLinks");
        Objects.requireNonNull(timeBudget, "timeBudget");
        if (timeBudget.isNegative() || timeBudget.isZero()) {
            throw new IllegalArgumentException("timeBudget must be positive: " + timeBudget);
        }
    }

    /** The defaults: generous for real mail, small enough that a hostile input cannot exhaust a worker. */
    public static ParseLimits defaults() {
        return new ParseLimits(
                40 * MIB, 24, 500, 16 * MIB, 48L * MIB, 1000, 64 * 1024, MIB, MIB, 2000, Duration.ofSeconds(3));
    }

    /** A copy with another message size limit. */
    public ParseLimits withMaxMessageBytes(int value) {
        return new ParseLimits(
                value,
                maxMimeDepth,
                maxParts,
                maxPartBytes,
                maxTotalDecodedBytes,
                maxHeaders,
                maxHeaderBytes,
                maxHtmlChars,
                maxTextChars,
                maxLinks,
                timeBudget);
    }

    /** A copy with another time budget. */
    public ParseLimits withTimeBudget(Duration value) {
        return new ParseLimits(
                maxMessageBytes,
                maxMimeDepth,
                maxParts,
                maxPartBytes,
                maxTotalDecodedBytes,
                maxHeaders,
                maxHeaderBytes,
                maxHtmlChars,
                maxTextChars,
                maxLinks,
                value);
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
