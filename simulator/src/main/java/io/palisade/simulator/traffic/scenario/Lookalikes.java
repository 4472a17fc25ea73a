package io.palisade.simulator.traffic.scenario;

import java.util.List;
import java.util.Locale;

/** Domains that imitate a real one: swapped letters, added words, other top-level domains. */
final class Lookalikes {

    private static final List<String> WORDS =
            List.of("secure", "login", "verify", "account", "support", "portal", "auth", "online", "review", "docs");
    private static final List<String> TLDS = List.of("com", "net", "co", "info", "top", "live", "online", "support");
    private static final String[][] SWAPS = {
        {"o", "0"}, {"l", "1"}, {"i", "l"}, {"m", "rn"}, {"w", "vv"}, {"e", "3"}, {"a", "4"}, {"s", "5"}
    };

    private Lookalikes() {}

    /** A domain that resembles {@code domain} (a registrable name such as {@code microsoft.com}). */
    static String of(String domain, Dice dice) {
        String base = domain.substring(0, domain.indexOf('.')).toLowerCase(Locale.ROOT);
        String tld = domain.substring(domain.indexOf('.') + 1);
        return switch (dice.between(0, 4)) {
            case 0 -> swapped(base, dice) + "." + tld;
            case 1 -> base + "-" + dice.pick(WORDS) + "." + dice.pick(TLDS);
            case 2 -> dice.pick(WORDS) + "-" + base + "." + dice.pick(TLDS);
            case 3 -> doubled(base, dice) + "." + tld;
            default -> base + dice.pick("365", "-online", "-app", "hq", "-cloud") + "." + dice.pick(TLDS);
        };
    }

    private static String swapped(String base, Dice dice) {
        for (int attempt = 0; attempt < SWAPS.length; attempt++) {
            String[] swap = dice.pick(SWAPS);
            int at = base.indexOf(swap[0]);
            if (at >= 0) {
                return base.substring(0, at) + swap[1] + base.substring(at + swap[0].length());
            }
        }
        return doubled(base, dice);
    }

    private static String doubled(String base, Dice dice) {
        int at = dice.between(1, base.length() - 1);
        return base.substring(0, at) + base.charAt(at) + base.substring(at);
    }

    /** The registrable part of a service host, e.g. {@code microsoft.com} for {@code account.microsoft.com}. */
    static String registrable(String host) {
        String[] labels = host.split("\\.");
        return labels[labels.length - 2] + "." + labels[labels.length - 1];
    }
}
