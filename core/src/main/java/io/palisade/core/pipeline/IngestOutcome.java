package io.palisade.core.pipeline;

import io.palisade.detection.api.RiskLevel;
import java.util.UUID;

/**
 * What the pipeline did with a message.
 *
 * @param mailItemId the stored item, never null
 * @param level the current verdict's level, never null
 * @param alreadyKnown whether the item had been ingested before (nothing was done again)
 */
public record IngestOutcome(UUID mailItemId, RiskLevel level, boolean alreadyKnown) {}
