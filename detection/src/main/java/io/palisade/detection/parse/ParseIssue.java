package io.palisade.detection.parse;

import java.util.Objects;

/**
 * Something the parser could not read, or cut because of a limit. Each kind becomes a signal of the same name.
 *
 * @param kind what went wrong
 * @param detail a short technical detail (a charset name, a limit), never message content
 */
public record ParseIssue(Kind kind, String detail) {
    public ParseIssue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** The kinds of issues; {@link #signal()} names the signal each one raises. */
    public enum Kind {
        /** Broken structure, undecodable header or unknown charset: the parser guessed. */
        MALFORMED("PARSE_ISSUE"),
        MESSAGE_TOO_LARGE("LIMIT_MESSAGE_SIZE"),
        MIME_TOO_DEEP("LIMIT_MIME_DEPTH"),
        TOO_MANY_PARTS("LIMIT_PART_COUNT"),
        PART_TOO_LARGE("LIMIT_PART_SIZE"),
        TOTAL_TOO_LARGE("LIMIT_TOTAL_SIZE"),
        TOO_MANY_HEADERS("LIMIT_HEADER_COUNT"),
        HEADER_TOO_LONG("LIMIT_HEADER_SIZE"),
        HTML_TOO_LARGE("LIMIT_HTML_SIZE"),
        TIME_BUDGET("LIMIT_TIME_BUDGET");

        private final String signal;

        Kind(String signal) {
            this.signal = signal;
        }

        /** The signal this kind of issue raises. */
        public String signal() {
            return signal;
        }
    }

    @Override
    public String toString() {
        return kind.signal() + ": " + detail;
    }
}
