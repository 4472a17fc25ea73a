package io.palisade.m365.subscription;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When subscriptions are renewed.
 *
 * @param interval how often the renewal job runs (default 30 minutes)
 * @param renewBefore how long before expiry a subscription is renewed (default 1 day, a third of the default
 *     3-day lifetime, so a renewal failing for a day still leaves time)
 * @param createBackoff how long after a refused subscription creation it is tried again (default 10 minutes); the
 *     wait doubles after each further refusal. A retry happens at the first run of the job once the wait is over.
 * @param createMaxBackoff the longest wait between two attempts to create a subscription (default 6 hours)
 */
@ConfigurationProperties("palisade.m365.renewal")
public record RenewalProperties(
        Duration interval, Duration renewBefore, Duration createBackoff, Duration createMaxBackoff) {

    public RenewalProperties {
        interval = interval == null ? Duration.ofMinutes(30) : interval;
        renewBefore = renewBefore == null ? Duration.ofDays(1) : renewBefore;
        createBackoff = createBackoff == null ? Duration.ofMinutes(10) : createBackoff;
        createMaxBackoff = createMaxBackoff == null ? Duration.ofHours(6) : createMaxBackoff;
    }
}
