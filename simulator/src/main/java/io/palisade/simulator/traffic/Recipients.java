package io.palisade.simulator.traffic;

import io.palisade.simulator.traffic.scenario.Dice;
import java.util.ArrayList;
import java.util.List;

/** Chooses who receives a delivery: how many depends on the kind; attack campaigns reach several mailboxes. */
final class Recipients {

    private Recipients() {}

    static List<Mailbox> choose(MailboxDirectory directory, TrafficKind kind, Dice dice) {
        List<Mailbox> pool = new ArrayList<>(directory.mailboxes());
        List<Mailbox> chosen = new ArrayList<>();
        if (kind == TrafficKind.INVOICE || kind == TrafficKind.PAYMENT_CHANGE_FRAUD) {
            chosen.add(directory.finance());
            pool.remove(directory.finance());
        }
        if (kind == TrafficKind.EXECUTIVE_IMPERSONATION && pool.size() > 1) {
            pool.remove(directory.executive());
        }
        int wanted = Math.max(1, Math.min(count(kind, dice), limit(kind, directory.size())));
        chosen.addAll(dice.sample(pool, wanted - chosen.size()));
        return chosen;
    }

    private static int count(TrafficKind kind, Dice dice) {
        return switch (kind) {
            case INTERNAL_THREAD -> dice.between(1, 3);
            case NEWSLETTER -> dice.between(2, 20);
            case CALENDAR_INVITATION -> dice.between(2, 6);
            case TEAMS_FILE_SHARE -> dice.between(1, 3);
            case INVOICE, SAAS_NOTIFICATION, PASSWORD_RESET, TEAMS_MALICIOUS_FILE -> 1;
            case EXECUTIVE_IMPERSONATION -> dice.between(2, 6);
            case CREDENTIAL_PHISHING,
                    PAYMENT_CHANGE_FRAUD,
                    QR_CODE_PHISHING,
                    HTML_SMUGGLING,
                    MACRO_DOCUMENT,
                    TRACKING_PIXEL,
                    CALLBACK_SCAM -> dice.between(3, 12);
        };
    }

    /** Internal kinds leave one colleague out to be the sender. */
    private static int limit(TrafficKind kind, int size) {
        boolean internal = kind == TrafficKind.INTERNAL_THREAD
                || kind == TrafficKind.CALENDAR_INVITATION
                || kind == TrafficKind.TEAMS_FILE_SHARE;
        return internal ? Math.max(1, size - 1) : size;
    }
}
