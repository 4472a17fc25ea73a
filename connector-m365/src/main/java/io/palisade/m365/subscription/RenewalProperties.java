package io.palisade.m365.subscription;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When subscriptions are renewed.
 *
 * @param interval how often the renewal job runs (default 30 minutes)
 * @param renewBefore how long before expiry a subscription is renewed (default 1 day, a third of the default
 *     3-day lifetime, so a renewal failing for a day still leaves time)
 */
@ConfigurationProperties("palisade.m365.renewal")
public record RenewalProperties(Duration interval, Duration renewBefore) {

    public RenewalProperties {
        interval = interval == null ? Duration.ofMinutes(30) : interval;
        renewBefore = renewBefore == null ? Duration.ofDays(1) : renewBefore;
    }
}
