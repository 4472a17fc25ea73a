package io.palisade.core.chat;

import io.palisade.core.verdict.VerdictCause;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One version in a chat item's verdict history, a row of core's {@code verdicts} table. Never changed; the highest
 * version is the current verdict.
 *
 * @param causedBy who or what caused it (an analyst's name); may be null for scans
 */
public record ChatVerdictVersion(
        UUID id,
        UUID tenantId,
        UUID chatItemId,
        int version,
        int score,
        RiskLevel level,
        List<Signal> signals,
        String engineVersion,
        VerdictCause cause,
        String causedBy,
        Instant createdAt) {}
