package io.palisade.core.pipeline;

import io.palisade.core.action.ActionKind;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.RawMessageStore;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.policy.HeaderFields;
import io.palisade.core.policy.PolicyAction;
import io.palisade.core.policy.PolicyDocument;
import io.palisade.core.policy.PolicyEvaluator;
import io.palisade.core.policy.PolicyService;
import io.palisade.detection.api.RiskLevel;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Turns a verdict's level into the actions to take on one copy, by the tenant's policy in force ({@link
 * PolicyService}); a tenant without one gets the default: a banner on suspicious and high-risk mail, quarantine
 * for malicious mail.
 */
@Component
public class ActionPolicy {

    private final PolicyService policies;
    private final MailboxRepository mailboxes;
    private final RawMessageStore rawMessages;

    public ActionPolicy(PolicyService policies, MailboxRepository mailboxes, RawMessageStore rawMessages) {
        this.policies = policies;
        this.mailboxes = mailboxes;
        this.rawMessages = rawMessages;
    }

    /** The actions for this copy at {@code level}, in the order to run them; never null. */
    public List<ActionKind> actionsFor(MailItem item, RiskLevel level) {
        return actionsFor(policies.current(item.getTenantId()).document(), item, level);
    }

    /** The policy in force for a tenant, for callers that decide many copies at once. */
    public PolicyDocument policyOf(UUID tenantId) {
        return policies.current(tenantId).document();
    }

    /** Like {@link #actionsFor(MailItem, RiskLevel)}, with the tenant's policy already read. */
    public List<ActionKind> actionsFor(PolicyDocument policy, MailItem item, RiskLevel level) {
        // The mailbox's address matters only to group overrides; most policies have none.
        String mailbox = policy.overrides().isEmpty()
                ? null
                : mailboxes
                        .findByTenantIdAndId(item.getTenantId(), item.getMailboxId())
                        .map(Mailbox::getAddress)
                        .orElse(null);
        Map<String, List<String>> headers =
                policy.exclusions().simulationHeaders().isEmpty()
                        ? Map.of()
                        : HeaderFields.of(rawMessages
                                .load(item.getTenantId(), item.getId())
                                .orElse(null));
        return PolicyEvaluator.actions(policy, item.getSender(), mailbox, headers, level).stream()
                .map(ActionPolicy::kindOf)
                .toList();
    }

    /** Whether the tenant's policy releases quarantined copies when a verdict is lowered. */
    public boolean releasesWhenLowered(MailItem item) {
        return policies.current(item.getTenantId()).document().releaseWhenLowered();
    }

    private static ActionKind kindOf(PolicyAction action) {
        return switch (action) {
            case BANNER -> ActionKind.BANNER;
            case QUARANTINE -> ActionKind.QUARANTINE;
            case DELETE -> ActionKind.SOFT_DELETE;
            case NOTIFY_ADMINS -> ActionKind.NOTIFY_ADMINS;
        };
    }
}
