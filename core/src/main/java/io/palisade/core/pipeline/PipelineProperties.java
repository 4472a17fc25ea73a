package io.palisade.core.pipeline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the message pipeline.
 *
 * @param rawRetention how long raw messages are kept for re-scans and banner write-back
 * @param scanTimeBudget the wall time one scan may take before its remaining stages are skipped
 * @param incompleteRescanDelay how long after a scan that ran out of time the message is scanned once more
 */
@ConfigurationProperties("palisade.pipeline")
public record PipelineProperties(Duration rawRetention, Duration scanTimeBudget, Duration incompleteRescanDelay) {

    public PipelineProperties {
        rawRetention = rawRetention == null ? Duration.ofDays(30) : rawRetention;
        scanTimeBudget = scanTimeBudget == null ? Duration.ofSeconds(3) : scanTimeBudget;
        incompleteRescanDelay = incompleteRescanDelay == null ? Duration.ofMinutes(2) : incompleteRescanDelay;
        if (scanTimeBudget.isNegative() || scanTimeBudget.isZero()) {
            throw new IllegalArgumentException("palisade.pipeline.scan-time-budget must be positive");
        }
    }
}
