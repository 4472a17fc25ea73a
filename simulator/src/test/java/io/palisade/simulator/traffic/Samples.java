package io.palisade.simulator.traffic;

import java.util.EnumMap;
import java.util.Map;

/** Finds, for a generator, the first delivery index of every kind. */
final class Samples {

    static final MailboxDirectory M365 =
            MailboxDirectory.generated("contoso.example", ReceivingPlatform.MICROSOFT_365, 50);
    static final MailboxDirectory GOOGLE =
            MailboxDirectory.generated("fabrikam.example", ReceivingPlatform.GOOGLE_WORKSPACE, 50);

    private Samples() {}

    static Map<TrafficKind, Long> firstOfEachKind(TrafficGenerator generator) {
        Map<TrafficKind, Long> found = new EnumMap<>(TrafficKind.class);
        for (long i = 0; found.size() < TrafficKind.values().length; i++) {
            if (i > 100_000) {
                throw new IllegalStateException("kinds never planned: " + found.keySet());
            }
            found.putIfAbsent(generator.plan(i).kind(), i);
        }
        return found;
    }

    /** A generator whose mix makes every kind appear early. */
    static TrafficGenerator varied(MailboxDirectory directory, long seed) {
        return new TrafficGenerator(
                directory, TrafficSettings.withSeed(seed).withAttackShare(0.5).withTeamsShare(0.1));
    }
}
