package io.palisade.core.policy;

import io.palisade.detection.api.RiskLevel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One version of a tenant's policy, as the REST API reads and writes it. Absent fields take the defaults of
 * {@link #defaults()}; the compact constructor normalises addresses and domains to lower case.
 *
 * @param mode how far Palisade acts on its own
 * @param actions per risk level, the actions in the order to run them; a missing level means none
 * @param exclusions mail that is never acted on (still scanned and recorded)
 * @param overrides for groups of mailboxes, a different mode or actions; the first group naming a mailbox wins
 * @param releaseWhenLowered whether a verdict lowered below the quarantine level releases quarantined copies
 * @param userReportThreshold how many distinct recipients' reports re-evaluate a message
 */
public record PolicyDocument(
        PolicyMode mode,
        Map<RiskLevel, List<PolicyAction>> actions,
        Exclusions exclusions,
        List<GroupOverride> overrides,
        Boolean releaseWhenLowered,
        Integer userReportThreshold) {

    public PolicyDocument {
        mode = mode == null ? PolicyMode.REMEDIATE : mode;
        actions = actions == null ? defaultActions() : copy(actions);
        exclusions = exclusions == null ? Exclusions.NONE : exclusions;
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        releaseWhenLowered = releaseWhenLowered == null || releaseWhenLowered;
        userReportThreshold = userReportThreshold == null ? 3 : userReportThreshold;
    }

    /** Today's behaviour for a tenant without a policy: banners on suspicious and high risk, quarantine malicious. */
    public static PolicyDocument defaults() {
        return new PolicyDocument(null, null, null, null, null, null);
    }

    /** The problems that make this document unusable; empty when it is valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (userReportThreshold < 1 || userReportThreshold > 10_000) {
            problems.add("userReportThreshold must be between 1 and 10000, got " + userReportThreshold);
        }
        for (GroupOverride group : overrides) {
            if (group.name() == null || group.name().isBlank()) {
                problems.add("every override needs a name");
            }
            if (group.mailboxes().isEmpty()) {
                problems.add("override '" + group.name() + "' names no mailbox");
            }
        }
        exclusions.simulationHeaders().stream()
                .filter(h -> h.name() == null || h.name().isBlank())
                .forEach(h -> problems.add("a simulation header exclusion needs a header name"));
        return problems;
    }

    static Map<RiskLevel, List<PolicyAction>> defaultActions() {
        Map<RiskLevel, List<PolicyAction>> actions = new EnumMap<>(RiskLevel.class);
        actions.put(RiskLevel.SUSPICIOUS, List.of(PolicyAction.BANNER));
        actions.put(RiskLevel.HIGH, List.of(PolicyAction.BANNER));
        actions.put(RiskLevel.MALICIOUS, List.of(PolicyAction.QUARANTINE));
        return actions;
    }

    private static Map<RiskLevel, List<PolicyAction>> copy(Map<RiskLevel, List<PolicyAction>> actions) {
        Map<RiskLevel, List<PolicyAction>> copy = new EnumMap<>(RiskLevel.class);
        actions.forEach((level, list) -> copy.put(level, list == null ? List.of() : List.copyOf(list)));
        return copy;
    }

    static List<String> lower(List<String> values) {
        return values == null
                ? List.of()
                : values.stream()
                        .filter(v -> v != null && !v.isBlank())
                        .map(v -> v.strip().toLowerCase(Locale.ROOT))
                        .toList();
    }

    /**
     * Mail Palisade never acts on.
     *
     * @param senders sender addresses
     * @param domains sender domains (a subdomain matches too)
     * @param simulationHeaders header fields that phishing-simulation vendors add to their test mail
     * @param simulationAddresses the vendors' sending addresses
     */
    public record Exclusions(
            List<String> senders,
            List<String> domains,
            List<SimulationHeader> simulationHeaders,
            List<String> simulationAddresses) {

        static final Exclusions NONE = new Exclusions(null, null, null, null);

        public Exclusions {
            senders = lower(senders);
            domains = lower(domains);
            simulationHeaders = simulationHeaders == null ? List.of() : List.copyOf(simulationHeaders);
            simulationAddresses = lower(simulationAddresses);
        }
    }

    /**
     * A header field that marks a phishing simulation.
     *
     * @param name the field name, case-insensitive
     * @param valueContains text the value must contain (case-insensitive); null or empty matches any value
     */
    public record SimulationHeader(String name, String valueContains) {}

    /**
     * A different policy for a group of mailboxes.
     *
     * @param name shown to admins
     * @param mailboxes the group's mailbox addresses
     * @param mode the group's mode; null keeps the tenant's
     * @param actions the group's per-level actions; null keeps the tenant's
     */
    public record GroupOverride(
            String name, List<String> mailboxes, PolicyMode mode, Map<RiskLevel, List<PolicyAction>> actions) {

        public GroupOverride {
            mailboxes = lower(mailboxes);
            actions = actions == null ? null : copy(actions);
        }
    }
}
