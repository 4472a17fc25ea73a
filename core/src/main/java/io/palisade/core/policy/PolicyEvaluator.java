package io.palisade.core.policy;

import io.palisade.detection.api.RiskLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Applies a policy document to one message: exclusions first, then the mailbox's group, then the mode. */
public final class PolicyEvaluator {

    private PolicyEvaluator() {}

    /**
     * What the policy asks for.
     *
     * @param sender the From address, may be null
     * @param mailbox the address of the mailbox that holds the copy, may be null
     * @param headers the message's header fields, names lower case; never null
     * @return the actions in order, empty when excluded; in monitor mode only a notification of the admins; never
     *     null
     */
    public static List<PolicyAction> actions(
            PolicyDocument policy, String sender, String mailbox, Map<String, List<String>> headers, RiskLevel level) {
        if (excluded(policy.exclusions(), lower(sender), headers)) {
            return List.of();
        }
        PolicyMode mode = policy.mode();
        Map<RiskLevel, List<PolicyAction>> perLevel = policy.actions();
        for (PolicyDocument.GroupOverride group : policy.overrides()) {
            if (mailbox != null && group.mailboxes().contains(lower(mailbox))) {
                mode = group.mode() == null ? mode : group.mode();
                perLevel = group.actions() == null ? perLevel : group.actions();
                break;
            }
        }
        List<PolicyAction> wanted = perLevel.getOrDefault(level, List.of());
        // Notifying admins touches no mailbox, so the modes that hold back mailbox actions keep it.
        boolean notify = wanted.contains(PolicyAction.NOTIFY_ADMINS);
        boolean touchesMail = wanted.stream().anyMatch(a -> a != PolicyAction.NOTIFY_ADMINS);
        return switch (mode) {
            case MONITOR -> notify ? List.of(PolicyAction.NOTIFY_ADMINS) : List.of();
            case BANNER_ONLY -> {
                List<PolicyAction> kept = new ArrayList<>();
                if (touchesMail) {
                    kept.add(PolicyAction.BANNER);
                }
                if (notify) {
                    kept.add(PolicyAction.NOTIFY_ADMINS);
                }
                yield List.copyOf(kept);
            }
            case REMEDIATE -> wanted;
        };
    }

    /** True when the message matches an exclusion: a sender, a sender domain, a simulation vendor. */
    public static boolean excluded(
            PolicyDocument.Exclusions exclusions, String sender, Map<String, List<String>> headers) {
        if (sender != null) {
            if (exclusions.senders().contains(sender)
                    || exclusions.simulationAddresses().contains(sender)) {
                return true;
            }
            String domain = sender.substring(sender.lastIndexOf('@') + 1);
            for (String excluded : exclusions.domains()) {
                if (domain.equals(excluded) || domain.endsWith("." + excluded)) {
                    return true;
                }
            }
        }
        for (PolicyDocument.SimulationHeader header : exclusions.simulationHeaders()) {
            List<String> values = headers.getOrDefault(header.name().toLowerCase(Locale.ROOT), List.of());
            String needle =
                    header.valueContains() == null ? "" : header.valueContains().toLowerCase(Locale.ROOT);
            if (values.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains(needle))) {
                return true;
            }
        }
        return false;
    }

    private static String lower(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
