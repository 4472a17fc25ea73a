package io.palisade.simulator.graph;

import io.palisade.simulator.mail.MailDrop;
import io.palisade.simulator.mail.MimeRewrite;
import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.state.CompressedMime;
import io.palisade.simulator.state.EmailAddress;
import io.palisade.simulator.state.FaultPlan;
import io.palisade.simulator.state.MailFolder;
import io.palisade.simulator.state.Mailbox;
import io.palisade.simulator.state.StoredMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writing messages: create (JSON, a draft unless {@code Integer 0x0E07} clears the unsent flag at
 * creation; or MIME, always a draft), PATCH (subject, body and recipients of a non-draft only with
 * Mail-Advanced.ReadWrite.All), and beta {@code importMime} (a non-draft from MIME).
 */
final class MessageWriteApi {

    private static final Logger LOG = LoggerFactory.getLogger(MessageWriteApi.class);

    static final String MESSAGE_FLAGS = "Integer 0x0E07";
    private static final int MSGFLAG_READ = 0x1;
    private static final int MSGFLAG_UNSENT = 0x8;
    private static final List<String> FLAG_STATUSES = List.of("notFlagged", "complete", "flagged");
    private static final List<String> IMPORTANCES = List.of("low", "normal", "high");
    private static final Set<String> DRAFT_ONLY = Set.of(
            "subject",
            "body",
            "torecipients",
            "ccrecipients",
            "bccrecipients",
            "replyto",
            "from",
            "sender",
            "internetmessageid");

    private final GraphSupport support;
    private final Clock clock;
    private final FaultPlan faults;

    MessageWriteApi(GraphSupport support, Clock clock, FaultPlan faults) {
        this.support = support;
        this.clock = clock;
        this.faults = faults;
    }

    Response create(Request request) {
        GraphSupport.require(request, Roles.MAIL_WRITE);
        Mailbox mailbox = support.mailbox(request);
        String folderRef = request.paramOrNull("folder");
        String contentType = request.header("Content-Type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/plain")) {
            if (folderRef != null) {
                throw GraphErrors.badRequest(
                        "MIME content is supported only when creating a message in" + " /messages.");
            }
            return created(request, mailbox, createFromMime(mailbox, decodeBase64Mime(request)));
        }
        MailFolder folder = GraphSupport.folder(mailbox, folderRef != null ? folderRef : "drafts");
        JsonNode json = Json.parseOrNull(request.body());
        if (json == null || !json.isObject()) {
            throw GraphErrors.error(400, "UnableToDeserializePostBody", "were unable to deserialize ");
        }
        return created(request, mailbox, mailbox.add(fromJson(json, folder)));
    }

    private StoredMessage createFromMime(Mailbox mailbox, byte[] mime) {
        StoredMessage drafted;
        try {
            drafted = MailDrop.deliver(mailbox, "drafts", mime, clock.instant());
        } catch (IllegalArgumentException e) {
            throw GraphErrors.badRequest("The MIME content is invalid: " + e.getMessage());
        }
        return mailbox.update(drafted.id(), b -> b.draft(true).read(true)).orElseThrow();
    }

    private StoredMessage.Builder fromJson(JsonNode json, MailFolder folder) {
        Map<String, String> props = extendedProperties(json);
        int flags = props.containsKey(MESSAGE_FLAGS) ? parseFlags(props.get(MESSAGE_FLAGS)) : MSGFLAG_UNSENT;
        Instant now = clock.instant();
        Instant received = systemTime(props.get("SystemTime 0x0E06"), now);
        Instant sent = systemTime(props.get("SystemTime 0x0039"), received);
        JsonNode body = Json.field(json, "body");
        String internetMessageId = Json.text(json, "internetMessageId");
        return StoredMessage.builder()
                .folderId(folder.id())
                .subject(Json.text(json, "subject"))
                .body(body == null ? null : new StoredMessage.Body(bodyType(body), Json.text(body, "content")))
                .from(address(Json.field(json, "from")))
                .to(addresses(Json.field(json, "toRecipients")))
                .cc(addresses(Json.field(json, "ccRecipients")))
                .replyTo(addresses(Json.field(json, "replyTo")))
                .internetMessageId(
                        internetMessageId != null
                                ? internetMessageId
                                : "<" + UUID.randomUUID() + "@simulator.palisade.local>")
                .draft((flags & MSGFLAG_UNSENT) != 0)
                .read((flags & MSGFLAG_READ) != 0 || bool(json, "isRead"))
                .importance(importance(json, "normal"))
                .categories(strings(Json.field(json, "categories")))
                .flagStatus(flagStatus(json, "notFlagged"))
                .receivedAt(received)
                .sentAt(sent)
                .conversationId("AAQk" + UUID.randomUUID())
                .extendedProperties(props);
    }

    Response patch(Request request) {
        GraphSupport.require(request, Roles.MAIL_WRITE);
        Mailbox mailbox = support.mailbox(request);
        StoredMessage message = GraphSupport.message(request, mailbox);
        JsonNode json = Json.parseOrNull(request.body());
        if (json == null || !json.isObject()) {
            throw GraphErrors.error(400, "UnableToDeserializePostBody", "were unable to deserialize ");
        }
        boolean touchesContent =
                json.propertyNames().stream().anyMatch(name -> DRAFT_ONLY.contains(name.toLowerCase(Locale.ROOT)));
        boolean advanced = GraphSupport.token(request).hasAnyRole(Roles.MAIL_ADVANCED);
        if (touchesContent && !message.draft() && !advanced) {
            throw GraphErrors.error(
                    403,
                    "ErrorAccessDenied",
                    "Access is denied. Changing the subject, body or"
                            + " recipients of a message that is not a draft requires Mail-Advanced.ReadWrite.");
        }
        if (touchesContent && !message.draft() && faults.takeIgnoredContentPatch()) {
            LOG.info("event=fault_applied kind=IGNORE_CONTENT_PATCH mailbox={}", mailbox.id());
            return patched(request, mailbox, message);
        }
        StoredMessage updated =
                mailbox.update(message.id(), b -> apply(b, message, json)).orElseThrow(GraphErrors::itemNotFound);
        return patched(request, mailbox, updated);
    }

    private static Response patched(Request request, Mailbox mailbox, StoredMessage updated) {
        ObjectNode body = MessageJson.render(updated, mailbox, ODataQuery.of(request, 1, 1), true);
        body.put(
                "@odata.context",
                GraphSupport.serviceRoot(request) + "/$metadata#users('" + mailbox.id() + "')/messages/$entity");
        return Response.json(200, Json.write(body));
    }

    private static StoredMessage.Builder apply(StoredMessage.Builder b, StoredMessage current, JsonNode json) {
        if (Json.field(json, "isRead") != null) {
            b.read(bool(json, "isRead"));
        }
        if (Json.field(json, "categories") != null) {
            b.categories(strings(Json.field(json, "categories")));
        }
        b.importance(importance(json, current.importance()));
        if (Json.field(json, "flag") != null) {
            b.flagStatus(flagStatus(json, current.flagStatus()));
        }
        if (Json.field(json, "toRecipients") != null) {
            b.to(addresses(Json.field(json, "toRecipients")));
        }
        if (Json.field(json, "ccRecipients") != null) {
            b.cc(addresses(Json.field(json, "ccRecipients")));
        }
        String subject = Json.text(json, "subject");
        JsonNode body = Json.field(json, "body");
        if (subject != null) {
            b.subject(subject);
        }
        if (body != null) {
            b.body(new StoredMessage.Body(bodyType(body), Json.text(body, "content")));
        }
        if (current.mime() != null && (subject != null || body != null)) {
            byte[] rewritten = MimeRewrite.rewrite(
                    current.mime().bytes(),
                    subject,
                    body == null ? null : bodyType(body),
                    body == null ? null : Json.text(body, "content"));
            b.mime(CompressedMime.of(rewritten));
        }
        return b;
    }

    /** Beta {@code importMime}: a non-draft message from base64 MIME, as if delivered. */
    Response importMime(Request request) {
        GraphSupport.require(request, Roles.MAIL_ADVANCED);
        Mailbox mailbox = support.mailbox(request);
        MailFolder folder = GraphSupport.folder(mailbox, request.param("folder"));
        byte[] mime = decodeBase64Mime(request);
        StoredMessage imported;
        try {
            imported = MailDrop.deliver(mailbox, folder.id(), mime, clock.instant());
        } catch (IllegalArgumentException e) {
            throw GraphErrors.badRequest("The MIME content is invalid: " + e.getMessage());
        }
        return created(request, mailbox, imported);
    }

    private static Response created(Request request, Mailbox mailbox, StoredMessage message) {
        ObjectNode body = MessageJson.render(message, mailbox, ODataQuery.of(request, 1, 1), true);
        body.put(
                "@odata.context",
                GraphSupport.serviceRoot(request) + "/$metadata#users('" + mailbox.id() + "')/messages/$entity");
        return Response.json(201, Json.write(body));
    }

    private static byte[] decodeBase64Mime(Request request) {
        try {
            return Base64.getMimeDecoder().decode(request.bodyText().trim());
        } catch (IllegalArgumentException e) {
            throw GraphErrors.badRequest("The MIME content must be base64 encoded.");
        }
    }

    private static Map<String, String> extendedProperties(JsonNode json) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode props = Json.field(json, "singleValueExtendedProperties");
        if (props != null && props.isArray()) {
            for (JsonNode p : props) {
                String id = Json.text(p, "id");
                if (id != null) {
                    out.put(normaliseId(id), Json.text(p, "value"));
                }
            }
        }
        return out;
    }

    /** Property ids are case-insensitive and the hex tag may be written in either case. */
    private static String normaliseId(String id) {
        String[] parts = id.trim().split("\\s+", 2);
        if (parts.length == 2 && parts[1].toLowerCase(Locale.ROOT).startsWith("0x")) {
            String type = parts[0].substring(0, 1).toUpperCase(Locale.ROOT) + parts[0].substring(1);
            return type + " 0x" + parts[1].substring(2).toUpperCase(Locale.ROOT);
        }
        return id;
    }

    private static int parseFlags(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw GraphErrors.badRequest("The value of Integer 0x0E07 must be an integer.");
        }
    }

    private static Instant systemTime(String value, Instant fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw GraphErrors.badRequest("Cannot convert '" + value + "' to a date-time.");
        }
    }

    private static String bodyType(JsonNode body) {
        String type = Json.text(body, "contentType");
        return type != null && type.equalsIgnoreCase("text") ? "text" : "html";
    }

    private static boolean bool(JsonNode json, String field) {
        JsonNode value = Json.field(json, field);
        return value != null && value.asBoolean();
    }

    /** The {@code flag.flagStatus} sent, checked against Graph's followupFlagStatus values; else {@code fallback}. */
    // Not yet: a flag's start, due and completion dates are not kept; only its status is.
    private static String flagStatus(JsonNode json, String fallback) {
        JsonNode flag = Json.field(json, "flag");
        String status = flag == null ? null : Json.text(flag, "flagStatus");
        return status != null ? enumValue(FLAG_STATUSES, status) : fallback;
    }

    /** The {@code importance} sent, checked against Graph's importance values; else {@code fallback}. */
    private static String importance(JsonNode json, String fallback) {
        String importance = Json.text(json, "importance");
        return importance != null ? enumValue(IMPORTANCES, importance) : fallback;
    }

    /** Graph reads enum members ignoring case and refuses a value that is not one. */
    private static String enumValue(List<String> members, String value) {
        return members.stream()
                .filter(member -> member.equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() ->
                        GraphErrors.error(400, "RequestBodyRead", "Requested value '" + value + "' was not found."));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(v -> out.add(v.asString()));
        }
        return out;
    }

    private static EmailAddress address(JsonNode recipient) {
        JsonNode email = recipient == null ? null : Json.field(recipient, "emailAddress");
        return email == null ? null : new EmailAddress(Json.text(email, "name"), Json.text(email, "address"));
    }

    private static List<EmailAddress> addresses(JsonNode array) {
        List<EmailAddress> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(r -> {
                EmailAddress a = address(r);
                if (a != null) {
                    out.add(a);
                }
            });
        }
        return out;
    }
}
