package io.palisade.simulator.state;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One message of a Teams chat. Only the policy violation changes after posting (what an app may PATCH).
 *
 * @param sender who posted
 * @param attachments {@code reference} attachments: links to files in the sender's OneDrive
 * @param hostedContents inline images, fetched by id through {@code hostedContents/{id}/$value}
 */
public final class ChatMessage {

    /**
     * The sender.
     *
     * @param userId the user's id (a mailbox id for members of the tenant)
     * @param tenantId the sender's tenant; another tenant's id for an external sender
     */
    public record Sender(String userId, String displayName, String tenantId) {}

    /** A {@code reference} attachment: {@code contentUrl} is the file's SharePoint or OneDrive URL. */
    public record Attachment(String id, String contentType, String contentUrl, String name) {}

    /** Inline content hosted by Teams. */
    public record HostedContent(String id, String contentType, byte[] bytes) {}

    private final String id;
    private final String chatId;
    private final Instant created;
    private final Sender sender;
    private final String html;
    private final List<Attachment> attachments;
    private final List<HostedContent> hostedContents;
    private volatile Instant lastModified;
    private volatile String policyViolationJson;

    ChatMessage(
            String id,
            String chatId,
            Instant created,
            Sender sender,
            String html,
            List<Attachment> attachments,
            List<HostedContent> hostedContents) {
        this.id = id;
        this.chatId = chatId;
        this.created = created;
        this.lastModified = created;
        this.sender = sender;
        this.html = html;
        this.attachments = List.copyOf(attachments);
        this.hostedContents = List.copyOf(hostedContents);
    }

    /** Teams message ids are the creation time in epoch milliseconds. */
    public String id() {
        return id;
    }

    public String chatId() {
        return chatId;
    }

    public Instant created() {
        return created;
    }

    public Instant lastModified() {
        return lastModified;
    }

    public Sender sender() {
        return sender;
    }

    public String html() {
        return html;
    }

    public List<Attachment> attachments() {
        return attachments;
    }

    public List<HostedContent> hostedContents() {
        return hostedContents;
    }

    public Optional<HostedContent> hostedContent(String hostedContentId) {
        return hostedContents.stream()
                .filter(h -> h.id().equals(hostedContentId))
                .findFirst();
    }

    /** The {@code policyViolation} object as JSON text, or null when none was set. */
    public String policyViolationJson() {
        return policyViolationJson;
    }

    /** Sets the policy violation (JSON text, null to clear) and the modification time. */
    public void policyViolation(String json, Instant now) {
        this.policyViolationJson = json;
        this.lastModified = now;
    }
}
