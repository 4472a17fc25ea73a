package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.ReceivingPlatform;
import java.util.Locale;

/** The Authentication-Results header (RFC 8601) in the form each receiving platform writes it. */
final class AuthenticationResults {

    private AuthenticationResults() {}

    static String header(Draft draft, ReceivingPlatform platform, Dice dice) {
        String fromDomain = draft.from.address().substring(draft.from.address().indexOf('@') + 1);
        return switch (platform) {
            case MICROSOFT_365 -> microsoft(draft.auth, fromDomain);
            case GOOGLE_WORKSPACE -> google(draft.auth, fromDomain, dice);
        };
    }

    private static String microsoft(AuthOutcome auth, String fromDomain) {
        String spf =
                "spf=" + auth.spf() + " (sender IP is " + auth.senderIp() + ") smtp.mailfrom=" + auth.mailFromDomain();
        String dkim = auth.dkimDomain() == null
                ? "dkim=none (message not signed) header.d=none"
                : "dkim=" + auth.dkim() + " (signature was verified) header.d=" + auth.dkimDomain();
        String action = "fail".equals(auth.dmarc()) ? "quarantine" : "none";
        String dmarc = "dmarc=" + auth.dmarc() + " action=" + action + " header.from=" + fromDomain;
        String compauth = "fail".equals(auth.dmarc()) ? "compauth=fail reason=000" : "compauth=pass reason=100";
        return spf + "; " + dkim + ";" + dmarc + ";" + compauth;
    }

    private static String google(AuthOutcome auth, String fromDomain, Dice dice) {
        StringBuilder out = new StringBuilder("mx.google.com;");
        if (auth.dkimDomain() == null) {
            out.append(" dkim=none (no signature);");
        } else {
            String selector = dice.pick("s1", "selector1", "google", "k1", "mail");
            out.append(" dkim=" + auth.dkim() + " header.i=@" + auth.dkimDomain() + " header.s=" + selector
                    + " header.b=" + dice.alphanumeric(8) + ";");
        }
        out.append(
                " spf=" + auth.spf() + " (google.com: " + spfReason(auth) + ") smtp.mailfrom=" + auth.mailFrom() + ";");
        out.append(" dmarc=").append(auth.dmarc());
        if (!"none".equals(auth.dmarc())) {
            // A domain without a DMARC record has no policy to quote.
            String policy = "fail".equals(auth.dmarc()) ? "QUARANTINE" : dice.pick("REJECT", "QUARANTINE", "NONE");
            String disposition = "fail".equals(auth.dmarc()) ? policy : "NONE";
            out.append(" (p=" + policy + " sp=" + policy + " dis=" + disposition + ")");
        }
        return out.append(" header.from=")
                .append(fromDomain.toLowerCase(Locale.ROOT))
                .toString();
    }

    private static String spfReason(AuthOutcome auth) {
        return switch (auth.spf()) {
            case "pass" -> "domain of " + auth.mailFrom() + " designates " + auth.senderIp() + " as permitted sender";
            case "none" -> "domain of " + auth.mailFrom() + " does not designate permitted sender hosts";
            default ->
                "domain of " + auth.mailFrom() + " does not designate " + auth.senderIp() + " as permitted sender";
        };
    }
}
