package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.ReceivingPlatform;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The Received line the receiving platform adds when it accepts the message. */
final class Received {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private Received() {}

    static String line(AuthOutcome auth, ReceivingPlatform platform, Instant at, Dice dice) {
        String host = dice.pick("mail", "smtp", "out", "mta" + dice.between(1, 9)) + "." + auth.mailFromDomain();
        String from1 = "from " + host + " (" + host + " [" + auth.senderIp() + "])";
        return switch (platform) {
            case MICROSOFT_365 ->
                from1 + " by " + dice.pick("AM4PEPF", "DB1PEPF", "BN2PEPF", "CO1PEPF")
                        + dice.digits(8) + ".mail.protection.outlook.com (10." + dice.between(1, 250) + "."
                        + dice.between(1, 250) + "." + dice.between(1, 250) + ") with Microsoft SMTP Server"
                        + " (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.8"
                        + dice.digits(3) + "." + dice.between(10, 40) + " via Frontend Transport; " + DATE.format(at);
            case GOOGLE_WORKSPACE ->
                from1 + " by mx.google.com with ESMTPS id " + dice.alphanumeric(6) + "-" + dice.hex(20)
                        + " (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); " + DATE.format(at);
        };
    }
}
