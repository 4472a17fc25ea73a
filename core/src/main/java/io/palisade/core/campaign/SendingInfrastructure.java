package io.palisade.core.campaign;

import io.palisade.detection.analysis.auth.AuthenticationResults;
import io.palisade.detection.analysis.auth.SendingIp;
import io.palisade.detection.analysis.prefilter.IndicatorKeys;
import io.palisade.detection.model.ParsedMessage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a message was sent through, as values of the {@code INFRASTRUCTURE} index: {@code ip:} the sending IP and
 * {@code dkim:} each DKIM signing domain that passed, both from the platform's trusted Authentication-Results header,
 * and {@code bounce:} the Return-Path domain. A sender that rotates its From domains keeps these; a campaign ties
 * near-duplicates that share one of them with its seed ({@link MemberReason#SAME_INFRASTRUCTURE}).
 *
 * <p>A big sending service shares all three among its customers, so infrastructure alone never ties two messages:
 * their subject and body must be near-duplicates too.
 */
public final class SendingInfrastructure {

    private SendingInfrastructure() {}

    /** The message's infrastructure values, without duplicates; empty when it names none. */
    public static List<String> of(ParsedMessage message, Set<String> trustedAuthservIds) {
        Set<String> values = new LinkedHashSet<>();
        SendingIp.of(message, trustedAuthservIds).ifPresent(ip -> values.add("ip:" + ip));
        List<AuthenticationResults> trusted = AuthenticationResults.trusted(message, trustedAuthservIds);
        if (!trusted.isEmpty()) {
            trusted.getFirst().resultsFor("dkim").stream()
                    .filter(result -> result.result().equals("pass"))
                    .flatMap(result -> result.property("header.d").stream())
                    .flatMap(domain ->
                            IndicatorKeys.domainAndParents(domain).stream().limit(1))
                    .forEach(domain -> values.add("dkim:" + domain));
        }
        String returnPath = message.returnPath();
        int at = returnPath.lastIndexOf('@');
        if (at >= 0) {
            IndicatorKeys.domainAndParents(returnPath.substring(at + 1)).stream()
                    .limit(1)
                    .forEach(domain -> values.add("bounce:" + domain));
        }
        return List.copyOf(values);
    }
}
