package io.palisade.core.notify;

import io.palisade.core.verdict.VerdictCause;
import io.palisade.detection.api.RiskLevel;
import java.time.Instant;
import java.util.UUID;

/**
 * One admin notification: a message (every copy of it) or a campaign reached a level at which the tenant's policy
 * asks to notify its admins. It carries no message body.
 *
 * @param mailItemId the first copy that reached the level; never null
 * @param campaignId the campaign whose decision made the change; null for a message's own change
 * @param previousLevel the level before; null when the message had none (its first scan)
 * @param causedBy who or what caused it (an analyst, an indicator's id, a rule pack); may be null
 * @param reasons a short summary of the verdict's strongest signals; never null
 * @param sender the message's sender address, as the console shows it; may be null
 * @param items how many copies (or campaign members) reached the level in this change so far
 * @param deliveryError why the last delivery attempt failed; null when none did
 * @param deliveredAt when the webhook accepted it; null until then
 */
public record AdminNotification(
        UUID id,
        UUID tenantId,
        UUID mailItemId,
        UUID campaignId,
        RiskLevel level,
        RiskLevel previousLevel,
        VerdictCause cause,
        String causedBy,
        String reasons,
        String sender,
        int items,
        DeliveryState delivery,
        int deliveryAttempts,
        String deliveryError,
        Instant deliveredAt,
        Instant createdAt,
        Instant updatedAt) {}
