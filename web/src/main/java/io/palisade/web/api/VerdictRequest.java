package io.palisade.web.api;

import io.palisade.detection.api.RiskLevel;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An analyst's decision on a message.
 *
 * @param level the new level, required
 * @param reason why, in the analyst's words; at most 2,000 characters
 */
public record VerdictRequest(
        @NotNull RiskLevel level, @Size(max = 2000) String reason) {}
