package io.palisade.core.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retention settings ({@code palisade.retention.*}).
 *
 * @param finishedWork how long DONE work items stay, so late duplicates of a notification remain no-ops
 * @param schedule the Quartz cron expression of the retention sweep
 */
@ConfigurationProperties("palisade.retention")
public record RetentionProperties(
        @DefaultValue("7d") Duration finishedWork,
        @DefaultValue("0 17 * * * ?") String schedule) {}
