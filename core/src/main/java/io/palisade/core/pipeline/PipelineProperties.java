package io.palisade.core.pipeline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the message pipeline.
 *
 * @param rawRetention how long raw messages are kept for re-scans and banner write-back
 */
@ConfigurationProperties("palisade.pipeline")
public record PipelineProperties(Duration rawRetention) {

    public PipelineProperties {
        rawRetention = rawRetention == null ? Duration.ofDays(30) : rawRetention;
    }
}
