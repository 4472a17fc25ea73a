package io.palisade.core.intel;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Threat-intelligence settings.
 *
 * @param taxiiSchedule Quartz cron of the TAXII collection polls (every 15 minutes by default)
 */
@ConfigurationProperties("palisade.intel")
public record IntelProperties(String taxiiSchedule) {

    public IntelProperties {
        taxiiSchedule = taxiiSchedule == null ? "0 */15 * * * ?" : taxiiSchedule;
    }
}
