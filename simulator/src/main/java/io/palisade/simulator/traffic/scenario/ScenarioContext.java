package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.DeliveryPlan;
import io.palisade.simulator.traffic.Mailbox;
import io.palisade.simulator.traffic.MailboxDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a scenario writes from: the tenant, the delivery's plan, dice for this message and dice shared by every
 * message of the same campaign (so a campaign keeps its domain, brand and template while details vary).
 *
 * @param directory the tenant's mailboxes, never null
 * @param plan the delivery's recipients, kind and time, never null
 * @param dice this message's choices, never null
 * @param campaign the campaign's choices, never null; for ordinary traffic a second die of this message
 */
public record ScenarioContext(MailboxDirectory directory, DeliveryPlan plan, Dice dice, Dice campaign) {

    public ScenarioContext {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(dice, "dice");
        Objects.requireNonNull(campaign, "campaign");
    }

    public List<Mailbox> recipients() {
        return plan.recipients();
    }

    public Mailbox firstRecipient() {
        return plan.recipients().getFirst();
    }

    public Instant at() {
        return plan.deliverAt();
    }

    public String domain() {
        return directory.domain();
    }

    /** A colleague who is not among the recipients, or the first mailbox when everyone is. */
    public Mailbox colleague() {
        List<Mailbox> others = directory.mailboxes().stream()
                .filter(m -> !plan.recipients().contains(m))
                .toList();
        return others.isEmpty() ? directory.mailboxes().getFirst() : dice.pick(others);
    }

    /** A person outside the tenant with an address at {@code domain}. */
    public Mailbox outsider(String domain) {
        String name = Vocabulary.externalName(dice);
        return new Mailbox(Vocabulary.addressFold(name) + "@" + domain, name);
    }
}
