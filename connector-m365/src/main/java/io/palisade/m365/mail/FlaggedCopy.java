package io.palisade.m365.mail;

import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.SingleValueLegacyExtendedProperty;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MessageRef;
import io.palisade.m365.graph.GraphErrors;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The last resort of a banner write: a JSON-created copy in the original's folder with PR_MESSAGE_FLAGS
 * ({@code Integer 0x0E07}) set at creation, which is the only moment Exchange lets it clear the draft flag, and the
 * delivery and submit times ({@code SystemTime 0x0E06}, {@code 0x0039}) of the original.
 */
@Component
class FlaggedCopy {

    /** MSGFLAG_READ; without MSGFLAG_UNSENT (0x8) the copy is not a draft. */
    private static final int MSGFLAG_READ = 0x1;

    /**
     * Creates the copy; returns its id.
     *
     * @throws ConnectorException (permanent) when the message has attachments, which a JSON copy would drop
     */
    String create(GraphServiceClient graph, MessageRef ref, Message original, RewrittenMessage rewritten)
            throws ConnectorException {
        if (rewritten.hasAttachments() || Boolean.TRUE.equals(original.getHasAttachments())) {
            // Not yet: attachments are not re-attached to a JSON copy, so such a message keeps no banner rather
            // than lose its attachments.
            throw ConnectorException.permanent(
                    "banner needs Mail-Advanced.ReadWrite.All for a message with attachments", null);
        }
        Message copy = new Message();
        copy.setSubject(rewritten.subject() != null ? rewritten.subject() : original.getSubject());
        copy.setBody(rewritten.body());
        copy.setFrom(ModelCopies.recipient(original.getFrom()));
        copy.setSender(ModelCopies.recipient(original.getSender()));
        copy.setToRecipients(ModelCopies.recipients(original.getToRecipients()));
        copy.setCcRecipients(ModelCopies.recipients(original.getCcRecipients()));
        copy.setReplyTo(ModelCopies.recipients(original.getReplyTo()));
        copy.setInternetMessageId(original.getInternetMessageId());
        copy.setIsRead(original.getIsRead());
        copy.setFlag(ModelCopies.flag(original.getFlag()));
        copy.setCategories(original.getCategories());
        copy.setImportance(original.getImportance());
        copy.setSingleValueExtendedProperties(properties(original));
        try {
            return graph.users()
                    .byUserId(ref.providerMailboxId())
                    .mailFolders()
                    .byMailFolderId(original.getParentFolderId())
                    .messages()
                    .post(copy)
                    .getId();
        } catch (RuntimeException e) {
            throw GraphErrors.map("banner flagged copy", e);
        }
    }

    private static List<SingleValueLegacyExtendedProperty> properties(Message original) {
        List<SingleValueLegacyExtendedProperty> properties = new ArrayList<>();
        int flags = Boolean.TRUE.equals(original.getIsRead()) ? MSGFLAG_READ : 0;
        properties.add(property("Integer 0x0E07", Integer.toString(flags)));
        if (original.getReceivedDateTime() != null) {
            properties.add(property("SystemTime 0x0E06", iso(original.getReceivedDateTime())));
        }
        if (original.getSentDateTime() != null) {
            properties.add(property("SystemTime 0x0039", iso(original.getSentDateTime())));
        }
        return properties;
    }

    private static SingleValueLegacyExtendedProperty property(String id, String value) {
        SingleValueLegacyExtendedProperty property = new SingleValueLegacyExtendedProperty();
        property.setId(id);
        property.setValue(value);
        return property;
    }

    private static String iso(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
