package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.Mailbox;
import java.util.List;

/** A bulk newsletter from a supplier, with unsubscribe headers and sometimes the sender's open-tracking image. */
final class Newsletter implements MailScenario {

    private static final List<String> SUBJECTS = List.of(
            "%s Monthly: what's new in %s",
            "Your %s digest for %s", "%s news – %s edition", "Product updates from %s (%s)");
    private static final List<String> STORIES = List.of(
            "New: faster delivery to 40 more cities",
            "Customer story: how a 200-person team cut costs by 18%",
            "Webinar: planning your 2026 procurement",
            "Price list update – what changes on 1 April",
            "Five tips for a calmer month-end close",
            "Meet our new support hours",
            "Nachhaltigkeit: unser CO₂-Bericht 2025");

    @Override
    public Draft write(ScenarioContext context) {
        Dice dice = context.dice();
        Vocabulary.Vendor vendor = dice.pick(Vocabulary.VENDORS);
        String month = dice.pick("January", "February", "March", "April", "May", "June", "September", "October");
        String listHost = "news." + vendor.domain();
        Mailbox from = new Mailbox("newsletter@" + listHost, vendor.name());
        String campaign = dice.alphanumeric(10);

        Body body = new Body().para(dice.pick("Hello,", "Hi there,", "Dear customer,"));
        for (String story : dice.sample(STORIES, dice.between(2, 4))) {
            body.link(
                    "",
                    story,
                    "https://www." + vendor.domain() + "/news/" + dice.hex(6) + "?utm_source=newsletter&utm_campaign="
                            + campaign,
                    "");
        }
        body.button("Read the full issue", "https://www." + vendor.domain() + "/newsletter/" + campaign, "#1a73e8");
        if (dice.chance(0.6)) {
            body.image("https://" + listHost + "/o/" + campaign + "/" + dice.hex(12) + ".gif", "", 1, 1);
        }
        String unsubscribe = "https://" + listHost + "/unsubscribe?c=" + campaign + "&u=" + dice.hex(16);
        body.footer("You receive this because you subscribed at " + vendor.domain() + ". Unsubscribe: " + unsubscribe);

        String subject = String.format(dice.pick(SUBJECTS), vendor.name(), month);
        AuthOutcome auth = AuthOutcome.aligned(
                "bounce-" + dice.hex(8) + "@" + listHost, listHost, Vocabulary.documentationIp(dice));
        return new Draft(from, List.of(), subject, body, auth)
                .header("List-Unsubscribe", "<" + unsubscribe + ">, <mailto:unsubscribe@" + listHost + ">")
                .header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .header("List-Id", "<monthly." + listHost + ">")
                .header("Precedence", "bulk")
                .sentWith(Draft.MessageIdStyle.GENERIC, null);
    }
}
