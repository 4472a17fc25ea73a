package io.palisade.simulator.state;

import java.time.Instant;
import java.util.Set;

/**
 * A Graph change-notification subscription. Everything but the expiry and the reauthorization
 * state is fixed at creation, as in Graph.
 *
 * @param target what the resource names, resolved at creation
 */
public final class Subscription {

    /** What a subscription watches. */
    public enum Kind {
        MAILBOX_MESSAGES,
        FOLDER_MESSAGES,
        ALL_CHAT_MESSAGES,
        CHAT_MESSAGES,
        /** {@code /users/{id}/chats/getAllMessages}: every chat the user is in. */
        USER_CHAT_MESSAGES
    }

    /**
     * The resolved resource.
     *
     * @param kind what is watched
     * @param mailboxId the mailbox for message and user-chat subscriptions, else null
     * @param folderId the folder for folder subscriptions, else null
     * @param chatId the chat for one-chat subscriptions, else null
     */
    public record Target(Kind kind, String mailboxId, String folderId, String chatId) {}

    /**
     * Settings fixed at creation.
     *
     * @param lifecycleNotificationUrl may be null
     * @param clientState may be null
     * @param encryptionCertificate base64 DER, or null without rich notifications
     * @param encryptionCertificateId may be null
     */
    public record Spec(
            String resource,
            Set<String> changeTypes,
            String notificationUrl,
            String lifecycleNotificationUrl,
            String clientState,
            boolean includeResourceData,
            String encryptionCertificate,
            String encryptionCertificateId,
            String latestSupportedTlsVersion) {}

    private final String id;
    private final String tenantId;
    private final String applicationId;
    private final String creatorId;
    private final Spec spec;
    private final Target target;
    private volatile Instant expiration;
    private volatile boolean reauthorizationRequired;

    public Subscription(
            String id, String tenantId, String applicationId, String creatorId, Spec spec, Target target, Instant exp) {
        this.id = id;
        this.tenantId = tenantId;
        this.applicationId = applicationId;
        this.creatorId = creatorId;
        this.spec = spec;
        this.target = target;
        this.expiration = exp;
    }

    public String id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String applicationId() {
        return applicationId;
    }

    public String creatorId() {
        return creatorId;
    }

    public Spec spec() {
        return spec;
    }

    public Target target() {
        return target;
    }

    public Instant expiration() {
        return expiration;
    }

    /** Renews (or shortens) the subscription; also clears a pending reauthorization. */
    public void renew(Instant newExpiration) {
        expiration = newExpiration;
        reauthorizationRequired = false;
    }

    public boolean reauthorizationRequired() {
        return reauthorizationRequired;
    }

    public void reauthorizationRequired(boolean value) {
        reauthorizationRequired = value;
    }

    /** True while not expired at {@code now}. */
    public boolean activeAt(Instant now) {
        return now.isBefore(expiration);
    }
}
