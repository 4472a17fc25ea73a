package io.palisade.simulator.graph;

import io.palisade.simulator.mail.ParsedMail;
import io.palisade.simulator.server.Json;
import io.palisade.simulator.state.EmailAddress;
import io.palisade.simulator.state.Mailbox;
import io.palisade.simulator.state.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes a message as Graph's {@code message} resource, honouring {@code $select}. */
final class MessageJson {

    private MessageJson() {}

    /** The change key Graph would show for this snapshot. */
    static String changeKey(StoredMessage message) {
        byte[] raw =
                ("CQAAABYAAAA" + message.changeSeq() + message.id().hashCode()).getBytes(StandardCharsets.US_ASCII);
        return Base64.getEncoder().encodeToString(raw);
    }

    static String etag(StoredMessage message) {
        return "W/\"" + changeKey(message) + "\"";
    }

    /**
     * Renders a message.
     *
     * @param withBody false when the caller only holds Mail.ReadBasic: no body or preview
     */
    static ObjectNode render(StoredMessage m, Mailbox mailbox, ODataQuery query, boolean withBody) {
        ObjectNode out = Json.object();
        out.put("@odata.etag", etag(m));
        out.put("id", m.id());
        Writer w = new Writer(out, query);
        w.text("createdDateTime", GraphSupport.dateTime(m.createdAt()));
        w.text("lastModifiedDateTime", GraphSupport.dateTime(m.modifiedAt()));
        w.text("changeKey", changeKey(m));
        if (query.wants("categories")) {
            ArrayNode categories = out.putArray("categories");
            m.categories().forEach(categories::add);
        }
        w.text("receivedDateTime", GraphSupport.dateTime(m.receivedAt()));
        w.text("sentDateTime", GraphSupport.dateTime(m.sentAt()));
        w.bool("hasAttachments", m.hasAttachments());
        w.text("internetMessageId", m.internetMessageId());
        w.text("subject", m.subject());
        ParsedMail parsed =
                withBody && needsMime(m, query) ? ParsedMail.parse(m.mime().bytes()) : null;
        if (withBody) {
            w.text("bodyPreview", preview(m, parsed));
        }
        w.text("importance", m.importance());
        w.text("parentFolderId", m.folderId());
        w.text("conversationId", m.conversationId());
        w.bool("isDeliveryReceiptRequested", false);
        w.bool("isReadReceiptRequested", false);
        w.bool("isRead", m.read());
        w.bool("isDraft", m.draft());
        w.text(
                "webLink",
                "https://outlook.office365.com/owa/?ItemID=" + GraphSupport.encode(m.id())
                        + "&exvsurl=1&viewmodel=ReadMessageItem");
        w.text("inferenceClassification", "focused");
        if (withBody && query.wants("body")) {
            ObjectNode body = out.putObject("body");
            StoredMessage.Body shown = m.body() != null
                    ? m.body()
                    : parsed != null
                            ? new StoredMessage.Body(parsed.bodyContentType(), parsed.bodyContent())
                            : new StoredMessage.Body("text", "");
            body.put("contentType", shown.contentType());
            body.put("content", shown.content());
        }
        w.address("sender", m.from());
        w.address("from", m.from());
        w.addresses("toRecipients", m.to());
        w.addresses("ccRecipients", m.cc());
        w.addresses("bccRecipients", List.of());
        w.addresses("replyTo", m.replyTo());
        if (query.wants("flag")) {
            out.putObject("flag").put("flagStatus", m.flagStatus());
        }
        return out;
    }

    /** Single-value extended properties, as {@code $expand=singleValueExtendedProperties} shows them. */
    static void expandExtendedProperties(ObjectNode out, StoredMessage m) {
        ArrayNode props = out.putArray("singleValueExtendedProperties");
        for (Map.Entry<String, String> e : m.extendedProperties().entrySet()) {
            props.addObject().put("id", e.getKey()).put("value", e.getValue());
        }
    }

    private static boolean needsMime(StoredMessage m, ODataQuery query) {
        boolean wantsText = query.wants("body") || query.wants("bodyPreview");
        return m.mime() != null && wantsText;
    }

    private static String preview(StoredMessage m, ParsedMail parsed) {
        if (m.body() != null) {
            String text = m.body()
                    .content()
                    .replaceAll("<[^>]*>", " ")
                    .replaceAll("\\s+", " ")
                    .trim();
            return text.length() <= 255 ? text : text.substring(0, 255);
        }
        return parsed == null ? "" : parsed.preview();
    }

    /** Writes properties only when selected. */
    private record Writer(ObjectNode out, ODataQuery query) {
        void text(String name, String value) {
            if (query.wants(name)) {
                out.put(name, value);
            }
        }

        void bool(String name, boolean value) {
            if (query.wants(name)) {
                out.put(name, value);
            }
        }

        void address(String name, EmailAddress address) {
            if (!query.wants(name)) {
                return;
            }
            if (address == null) {
                out.putNull(name);
                return;
            }
            ObjectNode email = out.putObject(name).putObject("emailAddress");
            email.put("name", address.name());
            email.put("address", address.address());
        }

        void addresses(String name, List<EmailAddress> addresses) {
            if (!query.wants(name)) {
                return;
            }
            ArrayNode array = out.putArray(name);
            for (EmailAddress a : addresses) {
                ObjectNode email = array.addObject().putObject("emailAddress");
                email.put("name", a.name());
                email.put("address", a.address());
            }
        }
    }
}
