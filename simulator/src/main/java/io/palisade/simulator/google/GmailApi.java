package io.palisade.simulator.google;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The Gmail API's methods, apart from HTTP: each checks the caller (token, delegated user, scope), charges the quota,
 * and returns the JSON resource as maps and lists, or throws {@link GmailException}.
 */
final class GmailApi {

    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 500;
    private static final int MAX_BATCH_IDS = 1000;
    private static final Duration WATCH_LIFETIME = Duration.ofDays(7);

    private final GoogleState state;
    private final PubSubPusher pusher;

    GmailApi(GoogleState state, PubSubPusher pusher) {
        this.state = state;
        this.pusher = pusher;
    }

    /** The caller's mailbox, once token, user, scope and quota allow the call; a null cost charges nothing. */
    GmailMailbox mailbox(String authorization, String userId, GmailScope scope, GmailQuota.Cost cost) {
        GoogleCaller caller = state.tokens().authenticate(authorization);
        String user = "me".equals(userId) ? caller.user() : userId;
        if (!user.equalsIgnoreCase(caller.user())) {
            throw new GmailException(403, "forbidden", "Delegation denied for " + caller.serviceAccount());
        }
        if (!scope.grantedBy(caller.scopes())) {
            throw new GmailException(
                    403, "insufficientPermissions", "Request had insufficient authentication" + " scopes.");
        }
        if (cost != null) {
            state.quota().charge(caller.user(), cost);
        }
        return state.mailbox(caller.user()).orElseThrow(GmailException::notFound);
    }

    Map<String, Object> profile(GmailMailbox mailbox) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("emailAddress", mailbox.address());
        out.put("messagesTotal", mailbox.messagesTotal());
        out.put("threadsTotal", mailbox.threadsTotal());
        out.put("historyId", String.valueOf(mailbox.historyId()));
        return out;
    }

    Map<String, Object> list(GmailMailbox mailbox, Query query) {
        Predicate<GmailMessage> filter = SearchQuery.parse(query.first("q"));
        boolean spamTrash = Boolean.parseBoolean(query.first("includeSpamTrash"));
        List<GmailMessage> all = mailbox.list(query.all("labelIds"), spamTrash, filter);
        Page page = Page.of(query, all.size());
        List<Map<String, Object>> messages = new ArrayList<>();
        for (GmailMessage message : all.subList(page.from(), page.to())) {
            messages.add(Map.of("id", message.id(), "threadId", message.threadId()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (!messages.isEmpty()) {
            out.put("messages", messages);
        }
        page.next().ifPresent(token -> out.put("nextPageToken", token));
        out.put("resultSizeEstimate", all.size());
        return out;
    }

    Map<String, Object> get(GmailMailbox mailbox, String id, String format, List<String> metadataHeaders) {
        return GmailPayloads.message(mailbox.get(id), format, metadataHeaders);
    }

    /**
     * messages.insert and messages.import: stores the raw message with the given labels. The internal date is the
     * time of receipt for insert and the Date header for import, unless {@code internalDateSource} says otherwise.
     */
    Map<String, Object> insert(
            GmailMailbox mailbox, byte[] raw, List<String> labelIds, String threadId, boolean importing, Query query) {
        if (raw == null || raw.length == 0) {
            throw GmailException.invalid(
                    "'raw' RFC822 payload message string or uploading message via /upload/*" + " URL required");
        }
        RawHeaders headers = RawHeaders.of(raw);
        String source = query.first("internalDateSource");
        boolean useDateHeader = source == null ? importing : "dateHeader".equals(source);
        Instant internalDate = useDateHeader && headers.date() != null
                ? headers.date()
                : state.clock().instant();
        byte[] copy = raw.clone();
        GmailMessage message = mailbox.add(
                copy::clone, copy.length, headers.messageId(), headers.references(), labelIds, internalDate, threadId);
        if (Boolean.parseBoolean(query.first("deleted"))) {
            // "Mark the email as permanently deleted (not TRASH) and only visible in Google Vault."
            mailbox.delete(message.id());
        }
        return GmailPayloads.minimal(message);
    }

    void delete(GmailMailbox mailbox, String id) {
        mailbox.delete(id);
    }

    Map<String, Object> modify(GmailMailbox mailbox, String id, Collection<String> add, Collection<String> remove) {
        return GmailPayloads.minimal(mailbox.modify(id, add, remove));
    }

    void batchModify(GmailMailbox mailbox, List<String> ids, Collection<String> add, Collection<String> remove) {
        requireBatch(ids);
        for (String id : ids) {
            mailbox.modify(id, add, remove);
        }
    }

    Map<String, Object> trash(GmailMailbox mailbox, String id) {
        return GmailPayloads.minimal(mailbox.modify(id, List.of("TRASH"), List.of("INBOX")));
    }

    Map<String, Object> untrash(GmailMailbox mailbox, String id) {
        return GmailPayloads.minimal(mailbox.modify(id, List.of("INBOX"), List.of("TRASH")));
    }

    void batchDelete(GmailMailbox mailbox, List<String> ids) {
        requireBatch(ids);
        for (String id : ids) {
            mailbox.delete(id);
        }
    }

    Map<String, Object> history(GmailMailbox mailbox, Query query) {
        String start = query.first("startHistoryId");
        if (start == null) {
            throw GmailException.invalid("Missing required parameter: startHistoryId");
        }
        long startId = parseLong(start, "startHistoryId");
        Set<String> types = Set.copyOf(query.all("historyTypes"));
        String labelId = query.first("labelId");
        List<GmailHistoryRecord> records = mailbox.history(startId).stream()
                .filter(r -> types.isEmpty() || types.contains(r.type()))
                .filter(r -> labelId == null || r.labelIds().contains(labelId))
                .toList();
        Page page = Page.of(query, records.size());
        List<Map<String, Object>> history = new ArrayList<>();
        for (GmailHistoryRecord record : records.subList(page.from(), page.to())) {
            history.add(HistoryJson.of(record));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (!history.isEmpty()) {
            out.put("history", history);
        }
        page.next().ifPresent(token -> out.put("nextPageToken", token));
        out.put("historyId", String.valueOf(mailbox.historyId()));
        return out;
    }

    Map<String, Object> watch(GmailMailbox mailbox, String topicName, List<String> labelIds, String behavior) {
        if (topicName == null || !topicName.matches("projects/[^/]+/topics/[^/]+")) {
            throw GmailException.invalid("Invalid topicName does not match projects/SOME-PROJECT/topics/SOME-TOPIC");
        }
        if (state.subscriptionsFor(topicName).isEmpty()) {
            // Gmail checks that it may publish to the topic; a topic nobody set up cannot be published to.
            throw new GmailException(403, "forbidden", "User not authorized to perform this action.");
        }
        boolean include = behavior == null || !"EXCLUDE".equalsIgnoreCase(behavior);
        Instant expiration = state.clock().instant().plus(WATCH_LIFETIME);
        GmailWatch watch = mailbox.startWatch(new GmailWatch(topicName, labelIds, include, expiration));
        pusher.watchStarted(mailbox, watch);
        return Map.of(
                "historyId",
                String.valueOf(mailbox.historyId()),
                "expiration",
                String.valueOf(expiration.toEpochMilli()));
    }

    void stop(GmailMailbox mailbox) {
        mailbox.stopWatch();
    }

    Map<String, Object> labels(GmailMailbox mailbox) {
        return Map.of("labels", mailbox.labels().stream().map(GmailApi::label).toList());
    }

    static Map<String, Object> label(GmailLabel label) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", label.id());
        out.put("name", label.name());
        out.put("type", label.type());
        if (!label.isSystem()) {
            out.put("messageListVisibility", "show");
            out.put("labelListVisibility", "labelShow");
        }
        return out;
    }

    private static void requireBatch(List<String> ids) {
        if (ids.isEmpty() || ids.size() > MAX_BATCH_IDS) {
            throw GmailException.invalid("ids must hold 1 to " + MAX_BATCH_IDS + " message ids");
        }
    }

    static long parseLong(String value, String name) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw GmailException.invalid("Invalid value for " + name + ": " + value);
        }
    }

    /** Query parameters by name, each possibly repeated. */
    interface Query {
        List<String> all(String name);

        default String first(String name) {
            List<String> values = all(name);
            return values.isEmpty() ? null : values.getFirst();
        }

        static Query of(Map<String, List<String>> params) {
            return name -> params.getOrDefault(name, List.of());
        }
    }

    /** A page of a list: page tokens are offsets, as opaque to clients as Gmail's. */
    private record Page(int from, int to, int total) {
        static Page of(Query query, int total) {
            int size = query.first("maxResults") == null
                    ? DEFAULT_PAGE
                    : (int) Math.max(1, Math.min(MAX_PAGE, parseLong(query.first("maxResults"), "maxResults")));
            String token = query.first("pageToken");
            int from = token == null ? 0 : (int) Math.min(total, parseLong(token, "pageToken"));
            return new Page(from, Math.min(total, from + size), total);
        }

        java.util.Optional<String> next() {
            return to < total ? java.util.Optional.of(String.valueOf(to)) : java.util.Optional.empty();
        }
    }

    static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
