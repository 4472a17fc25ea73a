package io.palisade.simulator.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One message in a mailbox, as an immutable snapshot; a change makes a new snapshot with a higher
 * change sequence.
 *
 * @param id the Graph id; changes when the message moves
 * @param folderId the folder holding it
 * @param changeSeq the mailbox's change counter when this snapshot was made (drives delta)
 * @param body the body when set through JSON (create or PATCH), else null and read from the MIME
 * @param mime the raw message, or null for messages created from JSON without MIME
 * @param extendedProperties single-value extended properties by id, e.g. {@code Integer 0x0E07}
 */
public record StoredMessage(
        String id,
        String folderId,
        long changeSeq,
        Instant createdAt,
        Instant modifiedAt,
        String internetMessageId,
        String subject,
        EmailAddress from,
        List<EmailAddress> to,
        List<EmailAddress> cc,
        List<EmailAddress> replyTo,
        Instant receivedAt,
        Instant sentAt,
        boolean read,
        boolean draft,
        String importance,
        String flagStatus,
        List<String> categories,
        boolean hasAttachments,
        String conversationId,
        Body body,
        MimeSource mime,
        Map<String, String> extendedProperties) {

    public StoredMessage {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        replyTo = List.copyOf(replyTo);
        categories = List.copyOf(categories);
        extendedProperties = Map.copyOf(extendedProperties);
    }

    /**
     * A message body.
     *
     * @param contentType {@code html} or {@code text}
     * @param content the body text
     */
    public record Body(String contentType, String content) {}

    /** A builder starting from this snapshot. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder with defaults for a new message: unread, not a draft, normal importance. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds snapshots; each setter returns the builder. */
    public static final class Builder {
        private String id;
        private String folderId;
        private long changeSeq;
        private Instant createdAt;
        private Instant modifiedAt;
        private String internetMessageId;
        private String subject = "";
        private EmailAddress from;
        private List<EmailAddress> to = List.of();
        private List<EmailAddress> cc = List.of();
        private List<EmailAddress> replyTo = List.of();
        private Instant receivedAt;
        private Instant sentAt;
        private boolean read;
        private boolean draft;
        private String importance = "normal";
        private String flagStatus = "notFlagged";
        private List<String> categories = List.of();
        private boolean hasAttachments;
        private String conversationId;
        private Body body;
        private MimeSource mime;
        private Map<String, String> extendedProperties = Map.of();

        private Builder() {}

        private Builder(StoredMessage m) {
            id = m.id;
            folderId = m.folderId;
            changeSeq = m.changeSeq;
            createdAt = m.createdAt;
            modifiedAt = m.modifiedAt;
            internetMessageId = m.internetMessageId;
            subject = m.subject;
            from = m.from;
            to = m.to;
            cc = m.cc;
            replyTo = m.replyTo;
            receivedAt = m.receivedAt;
            sentAt = m.sentAt;
            read = m.read;
            draft = m.draft;
            importance = m.importance;
            flagStatus = m.flagStatus;
            categories = m.categories;
            hasAttachments = m.hasAttachments;
            conversationId = m.conversationId;
            body = m.body;
            mime = m.mime;
            extendedProperties = m.extendedProperties;
        }

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder folderId(String value) {
            folderId = value;
            return this;
        }

        /** Stamps a change: the new sequence number and modification time. */
        public Builder changed(long seq, Instant when) {
            changeSeq = seq;
            modifiedAt = when;
            if (createdAt == null) {
                createdAt = when;
            }
            return this;
        }

        public Builder internetMessageId(String value) {
            internetMessageId = value;
            return this;
        }

        public Builder subject(String value) {
            subject = value == null ? "" : value;
            return this;
        }

        public Builder from(EmailAddress value) {
            from = value;
            return this;
        }

        public Builder to(List<EmailAddress> value) {
            to = value;
            return this;
        }

        public Builder cc(List<EmailAddress> value) {
            cc = value;
            return this;
        }

        public Builder replyTo(List<EmailAddress> value) {
            replyTo = value;
            return this;
        }

        public Builder receivedAt(Instant value) {
            receivedAt = value;
            return this;
        }

        public Builder sentAt(Instant value) {
            sentAt = value;
            return this;
        }

        public Builder read(boolean value) {
            read = value;
            return this;
        }

        public Builder draft(boolean value) {
            draft = value;
            return this;
        }

        public Builder importance(String value) {
            importance = value;
            return this;
        }

        public Builder flagStatus(String value) {
            flagStatus = value;
            return this;
        }

        public Builder categories(List<String> value) {
            categories = value;
            return this;
        }

        public Builder hasAttachments(boolean value) {
            hasAttachments = value;
            return this;
        }

        public Builder conversationId(String value) {
            conversationId = value;
            return this;
        }

        public Builder body(Body value) {
            body = value;
            return this;
        }

        public Builder mime(MimeSource value) {
            mime = value;
            return this;
        }

        public Builder extendedProperties(Map<String, String> value) {
            extendedProperties = value;
            return this;
        }

        public StoredMessage build() {
            return new StoredMessage(
                    id,
                    folderId,
                    changeSeq,
                    createdAt,
                    modifiedAt,
                    internetMessageId,
                    subject,
                    from,
                    to,
                    cc,
                    replyTo,
                    receivedAt,
                    sentAt,
                    read,
                    draft,
                    importance,
                    flagStatus,
                    categories,
                    hasAttachments,
                    conversationId,
                    body,
                    mime,
                    extendedProperties);
        }
    }
}
