package io.palisade.simulator.graph;

import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.state.MailFolder;
import io.palisade.simulator.state.Mailbox;
import io.palisade.simulator.state.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delta query per folder. A round lists what changed after the token's change sequence up to the
 * sequence when the round began, page by page with a cursor, then hands out a delta link for the
 * next round. Removals come back as {@code @removed}; a token older than the folder remembers gets
 * 410, as an expired Outlook sync state does.
 */
final class DeltaApi {

    private static final int DEFAULT_PAGE = 10;
    private static final int MAX_PAGE = 1000;

    private final GraphSupport support;

    DeltaApi(GraphSupport support) {
        this.support = support;
    }

    /** Where a round stands: changes after {@code from}, up to {@code to}, after the cursor. */
    private record Cursor(
            String folderId, long from, long to, long lastSeq, String lastId, String select, String filter) {}

    private record Entry(long seq, String id, StoredMessage message) {}

    Response delta(Request request) {
        GraphSupport.require(request, Roles.MAIL_READ_BASIC);
        Mailbox mailbox = support.mailbox(request);
        MailFolder folder = GraphSupport.folder(mailbox, request.param("folder"));
        Cursor cursor = cursor(request, mailbox, folder);
        if (cursor.from() > 0 && cursor.from() <= folder.deltaFloor()) {
            throw GraphErrors.error(
                    410,
                    "SyncStateNotFound",
                    "The sync state generation is not found or has" + " expired. Please resync.");
        }
        ODataQuery query = ODataQuery.of(request, DEFAULT_PAGE, MAX_PAGE);
        List<Entry> entries = entries(mailbox, folder, cursor);
        List<Entry> page = entries.subList(0, Math.min(query.top(), entries.size()));
        return Response.json(200, Json.write(body(request, mailbox, cursor, page, entries.size() > page.size())));
    }

    private static Cursor cursor(Request request, Mailbox mailbox, MailFolder folder) {
        String token = request.query("$skiptoken") != null ? request.query("$skiptoken") : request.query("$deltatoken");
        if (token == null) {
            return new Cursor(
                    folder.id(), 0, mailbox.changeSeq(), 0, "", request.query("$select"), request.query("$filter"));
        }
        Cursor cursor = decode(token);
        if (!cursor.folderId().equals(folder.id())) {
            throw GraphErrors.badRequest("The delta token does not belong to this folder.");
        }
        if (request.query("$deltatoken") != null) {
            return new Cursor(
                    cursor.folderId(), cursor.to(), mailbox.changeSeq(), 0, "", cursor.select(), cursor.filter());
        }
        return cursor;
    }

    private static List<Entry> entries(Mailbox mailbox, MailFolder folder, Cursor cursor) {
        java.util.function.Predicate<StoredMessage> filter = deltaFilter(cursor.filter());
        List<Entry> entries = new ArrayList<>();
        for (StoredMessage m : mailbox.messagesIn(folder.id())) {
            if (m.changeSeq() > cursor.from() && m.changeSeq() <= cursor.to() && filter.test(m)) {
                entries.add(new Entry(m.changeSeq(), m.id(), m));
            }
        }
        if (cursor.from() > 0) {
            for (MailFolder.Tombstone t : folder.tombstonesAfter(cursor.from())) {
                if (t.seq() <= cursor.to()) {
                    entries.add(new Entry(t.seq(), t.messageId(), null));
                }
            }
        }
        entries.sort(Comparator.comparingLong(Entry::seq).thenComparing(Entry::id));
        entries.removeIf(e ->
                e.seq() < cursor.lastSeq() || (e.seq() == cursor.lastSeq() && e.id().compareTo(cursor.lastId()) <= 0));
        return entries;
    }

    /** Delta accepts only {@code receivedDateTime ge|gt}. */
    private static java.util.function.Predicate<StoredMessage> deltaFilter(String filter) {
        if (filter != null
                && !filter.trim().toLowerCase(java.util.Locale.ROOT).matches("receiveddatetime (ge|gt) \\S+")) {
            throw GraphErrors.badRequest(
                    "Delta query on messages supports only $filter on receivedDateTime with ge" + " or gt.");
        }
        return MessageFilter.compile(filter);
    }

    private static ObjectNode body(Request request, Mailbox mailbox, Cursor cursor, List<Entry> page, boolean more) {
        ODataQuery select = ODataQuery.of(selectOnly(cursor.select()), 1, 1);
        boolean withBody = GraphSupport.token(request).hasAnyRole(Roles.MAIL_READ);
        ObjectNode body = Json.object();
        body.put("@odata.context", GraphSupport.serviceRoot(request) + "/$metadata#Collection(message)");
        ArrayNode value = body.putArray("value");
        for (Entry e : page) {
            if (e.message() == null) {
                ObjectNode removed = value.addObject();
                removed.put("@odata.type", "#microsoft.graph.message");
                removed.put("id", e.id());
                removed.putObject("@removed").put("reason", "deleted");
            } else {
                ObjectNode item = Json.object();
                item.put("@odata.type", "#microsoft.graph.message");
                item.setAll(MessageJson.render(e.message(), mailbox, select, withBody));
                value.add(item);
            }
        }
        Map<String, String> drop = new java.util.HashMap<>();
        for (String name : List.of("$skiptoken", "$deltatoken", "$select", "$filter", "$top")) {
            drop.put(name, null);
        }
        if (more) {
            Entry last = page.get(page.size() - 1);
            drop.put(
                    "$skiptoken",
                    encode(new Cursor(
                            cursor.folderId(),
                            cursor.from(),
                            cursor.to(),
                            last.seq(),
                            last.id(),
                            cursor.select(),
                            cursor.filter())));
            body.put("@odata.nextLink", GraphSupport.linkWith(request, drop));
        } else {
            drop.put(
                    "$deltatoken",
                    encode(new Cursor(
                            cursor.folderId(), cursor.to(), cursor.to(), 0, "", cursor.select(), cursor.filter())));
            body.put("@odata.deltaLink", GraphSupport.linkWith(request, drop));
        }
        return body;
    }

    private static Request selectOnly(String select) {
        String query = select == null ? null : "$select=" + GraphSupport.encode(select);
        return new Request("GET", "/", query, Map.of(), new byte[0], "");
    }

    private static String encode(Cursor c) {
        ObjectNode json = Json.object();
        json.put("f", c.folderId());
        json.put("a", c.from());
        json.put("b", c.to());
        json.put("s", c.lastSeq());
        json.put("i", c.lastId());
        json.put("sel", c.select());
        json.put("flt", c.filter());
        json.put("t", Instant.now().getEpochSecond());
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    private static Cursor decode(String token) {
        try {
            JsonNode json = Json.mapper().readTree(Base64.getUrlDecoder().decode(token));
            return new Cursor(
                    json.get("f").asString(),
                    json.get("a").asLong(),
                    json.get("b").asLong(),
                    json.get("s").asLong(),
                    json.get("i").asString(),
                    Json.text(json, "sel"),
                    Json.text(json, "flt"));
        } catch (IllegalArgumentException | JacksonException | NullPointerException e) {
            throw GraphErrors.badRequest("The delta or skip token is malformed.");
        }
    }
}
