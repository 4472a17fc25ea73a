package io.palisade.simulator.traffic;

import java.util.Locale;

/** What a delivery is, for evaluation: a kind of ordinary business traffic or a kind of attack. */
public enum TrafficKind {
    INTERNAL_THREAD(false, Channel.MAIL, 30),
    NEWSLETTER(false, Channel.MAIL, 16),
    INVOICE(false, Channel.MAIL, 10),
    CALENDAR_INVITATION(false, Channel.MAIL, 12),
    SAAS_NOTIFICATION(false, Channel.MAIL, 20),
    PASSWORD_RESET(false, Channel.MAIL, 6),
    TEAMS_FILE_SHARE(false, Channel.TEAMS, 1),

    CREDENTIAL_PHISHING(true, Channel.MAIL, 22),
    EXECUTIVE_IMPERSONATION(true, Channel.MAIL, 12),
    PAYMENT_CHANGE_FRAUD(true, Channel.MAIL, 10),
    QR_CODE_PHISHING(true, Channel.MAIL, 12),
    HTML_SMUGGLING(true, Channel.MAIL, 10),
    MACRO_DOCUMENT(true, Channel.MAIL, 10),
    TRACKING_PIXEL(true, Channel.MAIL, 8),
    CALLBACK_SCAM(true, Channel.MAIL, 10),
    TEAMS_MALICIOUS_FILE(true, Channel.TEAMS, 1);

    /** Where a delivery lands. */
    public enum Channel {
        MAIL,
        TEAMS
    }

    private final boolean attack;
    private final Channel channel;
    private final int weight;

    TrafficKind(boolean attack, Channel channel, int weight) {
        this.attack = attack;
        this.channel = channel;
        this.weight = weight;
    }

    public boolean isAttack() {
        return attack;
    }

    public Channel channel() {
        return channel;
    }

    /** Relative frequency among the kinds of the same category and channel. */
    int weight() {
        return weight;
    }

    /** {@code ham} or {@code attack}: the label an evaluation scores against. */
    public String category() {
        return attack ? "attack" : "ham";
    }

    /** The kind in lower kebab case, as written in {@code labels.tsv} and file names. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
