package io.palisade.simulator.traffic;

import java.util.Objects;

/**
 * A rendered delivery: its plan and what it carries.
 *
 * @param plan kind, recipients, campaign and time, never null
 * @param payload the message or chat post, never null; a {@link MailMessage} for mail kinds and a
 *     {@link ChatPost} for Teams kinds
 */
public record Delivery(DeliveryPlan plan, Payload payload) {

    public Delivery {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(payload, "payload");
    }

    public long index() {
        return plan.index();
    }

    public TrafficKind kind() {
        return plan.kind();
    }

    /** The mail message; throws when this delivery is a Teams post. */
    public MailMessage mail() {
        if (payload instanceof MailMessage mail) {
            return mail;
        }
        throw new IllegalStateException("delivery " + plan.index() + " is a " + plan.kind() + ", not mail");
    }

    /** The chat post; throws when this delivery is mail. */
    public ChatPost chat() {
        if (payload instanceof ChatPost chat) {
            return chat;
        }
        throw new IllegalStateException("delivery " + plan.index() + " is a " + plan.kind() + ", not a Teams post");
    }
}
