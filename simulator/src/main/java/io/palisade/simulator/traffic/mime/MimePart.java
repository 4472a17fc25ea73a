package io.palisade.simulator.traffic.mime;

import java.util.List;
import java.util.Objects;

/** A body part of a message: text, a binary file, or a multipart holding other parts. */
public sealed interface MimePart permits MimePart.Text, MimePart.Binary, MimePart.Multi {

    /**
     * A UTF-8 text body, written as 7bit when it is short-lined ASCII and as quoted-printable otherwise.
     *
     * @param mediaType e.g. {@code text/plain}, never null
     * @param parameters extra Content-Type parameters after the charset (e.g. {@code method=REQUEST}), or empty
     * @param content the text, any line ends, never null
     */
    record Text(String mediaType, String parameters, String content) implements MimePart {
        public Text {
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(parameters, "parameters");
            Objects.requireNonNull(content, "content");
        }

        public static Text plain(String content) {
            return new Text("text/plain", "", content);
        }

        public static Text html(String content) {
            return new Text("text/html", "", content);
        }
    }

    /**
     * A file, written in base64 with a Content-Disposition.
     *
     * @param mediaType the file's MIME type, never null
     * @param fileName the file name, never null, may be non-ASCII (written per RFC 2231)
     * @param bytes the content, never null
     * @param contentId a Content-ID without brackets for inline images, or null for an ordinary attachment
     */
    record Binary(String mediaType, String fileName, byte[] bytes, String contentId) implements MimePart {
        public Binary {
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(bytes, "bytes");
        }

        public static Binary attachment(String mediaType, String fileName, byte[] bytes) {
            return new Binary(mediaType, fileName, bytes, null);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Binary that
                    && mediaType.equals(that.mediaType)
                    && fileName.equals(that.fileName)
                    && java.util.Arrays.equals(bytes, that.bytes)
                    && Objects.equals(contentId, that.contentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(mediaType, fileName, contentId);
        }

        @Override
        public String toString() {
            return "Binary[" + mediaType + ", " + fileName + ", " + bytes.length + " bytes]";
        }
    }

    /**
     * A multipart: {@code alternative}, {@code mixed} or {@code related}.
     *
     * @param subtype the multipart subtype, never null
     * @param parts the children in order, never null or empty
     */
    record Multi(String subtype, List<MimePart> parts) implements MimePart {
        public Multi {
            Objects.requireNonNull(subtype, "subtype");
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("a multipart/" + subtype + " needs at least one part");
            }
        }
    }
}
