package io.palisade.simulator.google;

import io.palisade.simulator.google.GmailApi.Query;
import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Media uploads of messages.insert and messages.import under {@code /upload/gmail/v1}, in the three protocols the
 * Google API Client speaks: {@code uploadType=media} (the raw message), {@code multipart} (JSON metadata, then the
 * message, in multipart/related) and {@code resumable} (a session started with the metadata, then PUTs of the bytes,
 * answered 308 until complete). The client's default is resumable.
 */
final class GmailUploads {

    private static final Pattern RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)|bytes \\*/(\\d+|\\*)");

    private final GmailApi api;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    GmailUploads(GmailApi api) {
        this.api = api;
    }

    /** A resumable session: the metadata and query of its start, and the bytes received so far. */
    private record Session(
            boolean importing, JsonNode metadata, Map<String, List<String>> query, ByteArrayOutputStream bytes) {}

    Response start(Request r, boolean importing) {
        String type = r.query("uploadType");
        if (type == null || type.equals("media")) {
            return finish(r, importing, Json.object(), Query.of(r.queryParams()), r.body());
        }
        if (type.equals("multipart")) {
            List<MultipartBytes.Part> parts =
                    MultipartBytes.split(r.body(), MultipartBytes.boundary(r.header("Content-Type")));
            if (parts.size() != 2) {
                throw GmailException.invalid("multipart upload needs metadata and media parts");
            }
            JsonNode metadata = Json.parseOrNull(parts.get(0).body());
            return finish(
                    r,
                    importing,
                    metadata == null ? Json.object() : metadata,
                    Query.of(r.queryParams()),
                    parts.get(1).body());
        }
        if (type.equals("resumable")) {
            // Check the caller now, as Google does, so that a bad token fails before any bytes are sent.
            api.mailbox(r.header("Authorization"), r.param("user"), GmailScope.INSERT, null);
            String id = UUID.randomUUID().toString().replace("-", "");
            sessions.put(
                    id,
                    new Session(
                            importing, GoogleHttp.body(r), Map.copyOf(r.queryParams()), new ByteArrayOutputStream()));
            String location = r.baseUrl() + r.path() + "?uploadType=resumable&upload_id=" + id;
            return Response.empty(200).header("Location", location).header("X-GUploader-UploadID", id);
        }
        throw GmailException.invalid("Invalid upload type: " + type);
    }

    Response resume(Request r, boolean importing) {
        String id = r.query("upload_id");
        Session session = id == null ? null : sessions.get(id);
        if (session == null || session.importing() != importing) {
            throw GmailException.notFound();
        }
        long total;
        synchronized (session) {
            session.bytes().writeBytes(r.body());
            total = total(r.header("Content-Range"), session.bytes().size());
            if (total < 0 || session.bytes().size() < total) {
                int received = session.bytes().size();
                Response more = Response.empty(308);
                return received == 0 ? more : more.header("Range", "bytes=0-" + (received - 1));
            }
        }
        sessions.remove(id);
        return finish(
                r,
                importing,
                session.metadata(),
                Query.of(session.query()),
                session.bytes().toByteArray());
    }

    /** The declared total size, or -1 while it is unknown; no header means this PUT carries everything. */
    private static long total(String contentRange, long received) {
        if (contentRange == null) {
            return received;
        }
        Matcher m = RANGE.matcher(contentRange.trim());
        if (!m.matches()) {
            throw GmailException.invalid("Invalid Content-Range: " + contentRange);
        }
        String total = m.group(3) != null ? m.group(3) : m.group(4);
        return total.equals("*") ? -1 : Long.parseLong(total);
    }

    private Response finish(Request r, boolean importing, JsonNode metadata, Query query, byte[] raw) {
        GmailMailbox mailbox =
                api.mailbox(r.header("Authorization"), r.param("user"), GmailScope.INSERT, GmailQuota.Cost.INSERT);
        Map<String, Object> message = api.insert(
                mailbox,
                raw,
                GoogleHttp.strings(metadata, "labelIds"),
                Json.text(metadata, "threadId"),
                importing,
                query);
        return GoogleHttp.json(200, message);
    }
}
