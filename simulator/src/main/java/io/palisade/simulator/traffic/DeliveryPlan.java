package io.palisade.simulator.traffic;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a delivery will be, before anything is rendered: cheap to compute from the seed and the index.
 *
 * @param index the position in the stream, from 0
 * @param kind what it is, never null
 * @param campaign the attack campaign it belongs to, or null for ordinary traffic
 * @param recipients who receives it, never null or empty; attack campaigns reach several mailboxes at once
 * @param deliverAt when the stream's rate schedules it, never null
 */
public record DeliveryPlan(long index, TrafficKind kind, String campaign, List<Mailbox> recipients, Instant deliverAt) {

    public DeliveryPlan {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(deliverAt, "deliverAt");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a delivery needs a recipient, index=" + index);
        }
    }
}
