package io.palisade.simulator.traffic.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Writes a message: the given top-level headers, then MIME-Version and the root part. Boundaries derive from a
 * token the caller supplies, so the same input always gives the same bytes.
 */
public final class MimeWriter {

    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});
    private static final int MAX_7BIT_LINE = 76;

    private final List<String> headers = new ArrayList<>();
    private final String boundaryToken;
    private int boundaries;

    /** @param boundaryToken letters and digits that make this message's boundaries unique, never null */
    public MimeWriter(String boundaryToken) {
        this.boundaryToken = Objects.requireNonNull(boundaryToken, "boundaryToken");
    }

    /** Adds a header whose value is already encoded; it is folded here. */
    public MimeWriter header(String name, String encodedValue) {
        headers.add(HeaderText.fold(name, encodedValue));
        return this;
    }

    /** Adds a header that must stay on one line (Message-ID and the like). */
    public MimeWriter unfoldedHeader(String name, String value) {
        headers.add(name + ": " + value);
        return this;
    }

    /** The whole message with CRLF line ends, all ASCII. */
    public byte[] write(MimePart root) {
        StringBuilder out = new StringBuilder(4096);
        headers.forEach(line -> out.append(line).append("\r\n"));
        out.append("MIME-Version: 1.0\r\n");
        writePart(root, out);
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private void writePart(MimePart part, StringBuilder out) {
        switch (part) {
            case MimePart.Text text -> writeText(text, out);
            case MimePart.Binary binary -> writeBinary(binary, out);
            case MimePart.Multi multi -> writeMulti(multi, out);
        }
    }

    private void writeText(MimePart.Text text, StringBuilder out) {
        String parameters = text.parameters().isEmpty() ? "" : "; " + text.parameters();
        out.append(HeaderText.fold("Content-Type", text.mediaType() + "; charset=\"utf-8\"" + parameters))
                .append("\r\n");
        String content = QuotedPrintable.normalise(text.content());
        if (fitsSevenBit(content)) {
            out.append("Content-Transfer-Encoding: 7bit\r\n\r\n");
            out.append(content.replace("\n", "\r\n"));
        } else {
            out.append("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
            out.append(QuotedPrintable.encode(content));
        }
        out.append("\r\n");
    }

    private void writeBinary(MimePart.Binary binary, StringBuilder out) {
        String name = HeaderText.fileNameParameter("name", binary.fileName());
        out.append(HeaderText.fold("Content-Type", binary.mediaType() + "; " + name))
                .append("\r\n");
        String disposition = binary.contentId() == null ? "attachment" : "inline";
        String fileName = HeaderText.fileNameParameter("filename", binary.fileName());
        out.append(HeaderText.fold("Content-Disposition", disposition + "; " + fileName))
                .append("\r\n");
        if (binary.contentId() != null) {
            out.append("Content-ID: <").append(binary.contentId()).append(">\r\n");
        }
        out.append("Content-Transfer-Encoding: base64\r\n\r\n");
        out.append(BASE64.encodeToString(binary.bytes())).append("\r\n");
    }

    private void writeMulti(MimePart.Multi multi, StringBuilder out) {
        String boundary = "----=_Part_" + (boundaries++) + "_" + boundaryToken;
        out.append(HeaderText.fold("Content-Type", "multipart/" + multi.subtype() + "; boundary=\"" + boundary + "\""))
                .append("\r\n\r\n");
        out.append("This is a multi-part message in MIME format.\r\n");
        for (MimePart child : multi.parts()) {
            out.append("\r\n--").append(boundary).append("\r\n");
            writePart(child, out);
        }
        out.append("\r\n--").append(boundary).append("--\r\n");
    }

    private static boolean fitsSevenBit(String content) {
        for (String line : content.split("\n", -1)) {
            if (line.length() > MAX_7BIT_LINE || !HeaderText.isAscii(line.replace('\t', ' '))) {
                return false;
            }
        }
        return true;
    }
}
