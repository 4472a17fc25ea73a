package io.palisade.core.chat;

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
 * Reads the tenant's policy for a chat message. A chat message cannot be bannered or moved, so the policy's actions
 * that take mail away from its reader (quarantine, delete) hide a chat message; banners alone leave it visible. The
 * mode and the sender exclusions apply as they do to mail.
 */
@Component
public class ChatActionPolicy {

    private final PolicyService policies;

    public ChatActionPolicy(PolicyService policies) {
        this.policies = policies;
    }

    /** Whether the message should be hidden at {@code level}. */
    public boolean hides(UUID tenantId, String sender, RiskLevel level) {
        PolicyDocument policy = policies.current(tenantId).document();
        // Not yet: group overrides name recipient mailboxes, and a chat has members rather than one recipient, so
        // only the tenant-wide actions apply to chat messages.
        List<PolicyAction> wanted = PolicyEvaluator.actions(policy, sender, null, Map.of(), level);
        // Not yet: NOTIFY_ADMINS is not acted on for chat messages; admin notifications cover mail only.
        return wanted.contains(PolicyAction.QUARANTINE) || wanted.contains(PolicyAction.DELETE);
    }

    /** Whether a verdict lowered below the hiding level shows the message again. */
    public boolean showsWhenLowered(UUID tenantId) {
        return policies.current(tenantId).document().releaseWhenLowered();
    }
}
