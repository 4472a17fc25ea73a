package io.palisade.detection.model;

import java.util.Objects;

/**
 * A file carried by the input: a MIME part with a file name or a non-inline body, or a chat file.
 *
 * @param name the file name as declared, never null (empty when none)
 * @param declaredType the Content-Type as declared, lower case, never null
 * @param content the decoded bytes, bounded by the scanner's limits (truncated when {@code truncated})
 * @param truncated whether the decoded content exceeded the limit and was cut
 * @param sha256 lower-case hex SHA-256 of the content as decoded (of the whole part, even when truncated); empty
 *     when the scan's time budget ran out while the part was read
 * @param inline whether the part was marked inline (e.g. an image referenced by cid:)
 * @param contentId the Content-ID without angle brackets, never null (empty when none)
 */
public record Attachment(
        String name,
        String declaredType,
        byte[] content,
        boolean truncated,
        String sha256,
        boolean inline,
        String contentId) {
    public Attachment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(declaredType, "declaredType");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(contentId, "contentId");
    }

    /** The extension of the file name, lower case, without the dot, or empty. */
    public String extension() {
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1
                ? ""
                : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
