package io.palisade.core.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery of admin notifications ({@code palisade.notifications.*}).
 *
 * @param deliveryAttempts attempts before a notification is given up as FAILED (its work goes to the dead letters);
 *     the wait between attempts is the work queue's backoff
 * @param timeout how long one attempt may take to connect and to be answered
 */
@ConfigurationProperties("palisade.notifications")
public record NotificationProperties(
        @DefaultValue("8") int deliveryAttempts,
        @DefaultValue("10s") Duration timeout) {

    public NotificationProperties {
        if (deliveryAttempts < 1) {
            throw new IllegalArgumentException(
                    "palisade.notifications.delivery-attempts must be at least 1, got " + deliveryAttempts);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("palisade.notifications.timeout must be positive, got " + timeout);
        }
    }
}
