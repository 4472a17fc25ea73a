package io.palisade.banners.live;

import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a message's banner and live page show: the newest verdict among all copies of the message in the tenant.
 *
 * @param tenantId the tenant, never null
 * @param mailItemId the copy this state was asked for, never null
 * @param mailboxId that copy's mailbox, never null
 * @param verdictId the verdict version shown, never null
 * @param level its level, never null
 * @param signals its signals, highest weight first, never null
 * @param decidedAt when that verdict was recorded, never null
 */
public record BannerState(
        UUID tenantId,
        UUID mailItemId,
        UUID mailboxId,
        UUID verdictId,
        RiskLevel level,
        List<Signal> signals,
        Instant decidedAt) {
    public BannerState {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(mailItemId, "mailItemId");
        Objects.requireNonNull(mailboxId, "mailboxId");
        Objects.requireNonNull(verdictId, "verdictId");
        Objects.requireNonNull(level, "level");
        signals = List.copyOf(signals);
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
