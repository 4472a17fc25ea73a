package io.palisade.simulator.google;

import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.server.Router;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Google's HTTP batch ({@code POST /batch}): a multipart/mixed body whose parts are {@code application/http}
 * requests; each is served as if sent alone (and counts against quota alone), and the answer is a multipart/mixed body
 * of {@code application/http} responses in the same order, with {@code Content-ID: response-<id>}. At most 100 calls.
 */
final class GoogleBatch {

    static final int MAX_CALLS = 100;
    private static final String CRLF = "\r\n";

    private final Router router;

    GoogleBatch(Router router) {
        this.router = router;
    }

    Response handle(Request outer) throws Exception {
        List<MultipartBytes.Part> parts;
        try {
            parts = MultipartBytes.split(outer.body(), MultipartBytes.boundary(outer.header("Content-Type")));
        } catch (GmailException e) {
            return GoogleHttp.error(e);
        }
        if (parts.isEmpty() || parts.size() > MAX_CALLS) {
            return GoogleHttp.error(GmailException.invalid("A batch holds 1 to " + MAX_CALLS + " calls."));
        }
        String boundary = "batch_" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MultipartBytes.Part part : parts) {
            Response response = serve(outer, part.body());
            String contentId = part.headers().get("Content-ID");
            out.writeBytes(ascii("--" + boundary + CRLF + "Content-Type: application/http" + CRLF
                    + (contentId == null ? "" : "Content-ID: " + responseId(contentId) + CRLF) + CRLF));
            out.writeBytes(ascii("HTTP/1.1 " + response.status() + " " + reason(response.status()) + CRLF));
            response.headers().forEach((name, value) -> out.writeBytes(ascii(name + ": " + value + CRLF)));
            out.writeBytes(ascii("Content-Length: " + response.body().length + CRLF + CRLF));
            out.writeBytes(response.body());
            out.writeBytes(ascii(CRLF));
        }
        out.writeBytes(ascii("--" + boundary + "--" + CRLF));
        return Response.bytes(200, "multipart/mixed; boundary=" + boundary, out.toByteArray());
    }

    private Response serve(Request outer, byte[] http) throws Exception {
        int lineEnd = MultipartBytes.lineEnd(http, 0);
        String[] requestLine = new String(http, 0, lineEnd, StandardCharsets.UTF_8).split(" ");
        if (requestLine.length < 2) {
            return GoogleHttp.error(GmailException.invalid("Invalid batch part: no request line"));
        }
        Map.Entry<Map<String, String>, Integer> head =
                MultipartBytes.headers(http, MultipartBytes.skipLineEnd(http, lineEnd));
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(head.getKey());
        if (!headers.containsKey("Authorization") && outer.header("Authorization") != null) {
            headers.put("Authorization", outer.header("Authorization"));
        }
        URI uri = URI.create(requestLine[1]);
        byte[] body = Arrays.copyOfRange(http, head.getValue(), trimmedEnd(http, head.getValue()));
        Request inner = new Request(
                requestLine[0].toUpperCase(java.util.Locale.ROOT),
                uri.getRawPath(),
                uri.getRawQuery(),
                headers,
                body,
                outer.baseUrl());
        if (inner.path().startsWith("/batch")) {
            return GoogleHttp.error(GmailException.invalid("A batch cannot hold a batch."));
        }
        Optional<Response> response = router.dispatch(inner);
        return response.orElseGet(() -> GoogleHttp.error(GmailException.notFound()));
    }

    private static int trimmedEnd(byte[] data, int from) {
        int end = data.length;
        while (end > from && (data[end - 1] == '\n' || data[end - 1] == '\r')) {
            end--;
        }
        return end;
    }

    private static String responseId(String contentId) {
        String id = contentId.trim();
        if (id.startsWith("<") && id.endsWith(">")) {
            return "<response-" + id.substring(1);
        }
        return "response-" + id;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            default -> status >= 500 ? "Server Error" : "Status";
        };
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
