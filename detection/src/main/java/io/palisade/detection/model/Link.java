package io.palisade.detection.model;

import java.util.Objects;

/**
 * A link found in the input, as written (not yet unwrapped).
 *
 * @param url the target as written, never null
 * @param anchorText the visible text of an HTML anchor, never null (empty for plain-text links)
 * @param source where it was found
 */
public record Link(String url, String anchorText, Source source) {
    public Link {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(anchorText, "anchorText");
        Objects.requireNonNull(source, "source");
    }

    /** Where a link was found. */
    public enum Source {
        HTML_ANCHOR,
        HTML_FORM,
        HTML_IMAGE,
        TEXT,
        ATTACHMENT,
        QR_CODE
    }
}
