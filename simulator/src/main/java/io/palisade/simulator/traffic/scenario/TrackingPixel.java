package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.Mailbox;
import java.util.List;

/**
 * A personal-looking cold message with a hidden one-pixel image that reports when and where it is opened: the
 * reconnaissance step before a targeted attack.
 */
final class TrackingPixel implements MailScenario {

    private static final List<String> SUBJECTS = List.of(
            "Quick question, %s",
            "Following up", "%s – 10 minutes next week?", "Re: our conversation", "Idea for your team");
    private static final List<String> PITCHES = List.of(
            "I came across your profile and thought you might be the right person to talk to about supplier "
                    + "onboarding at your company.",
            "Just following up on my note from last week. Is this something your team is looking at this quarter?",
            "We help finance teams close the month two days faster. Would it be worth a short call?");

    @Override
    public Draft write(ScenarioContext context) {
        Dice campaign = context.campaign();
        String trackerHost = campaign.pick("t.", "open.", "px.", "img.")
                + campaign.alphanumeric(7).toLowerCase(java.util.Locale.ROOT)
                + campaign.pick(".io", ".net", ".com");
        String senderDomain = campaign.pick(
                "growthly-partners.com", "nexaleads.io", "brightreach.co", campaign.pick(Vocabulary.FREEMAIL));

        Dice dice = context.dice();
        Mailbox from = context.outsider(senderDomain);
        String pixel = "https://" + trackerHost + "/" + dice.pick("o", "p", "i") + "/" + dice.alphanumeric(22)
                + dice.pick(".gif", ".png", "");
        Body body = new Body()
                .para("Hi " + context.firstRecipient().firstName() + ",")
                .para(dice.pick(PITCHES))
                .signature(List.of(dice.pick(Vocabulary.SIGN_OFFS), from.displayName()))
                .image(pixel, "", 1, 1);
        AuthOutcome auth = AuthOutcome.aligned(from.address(), senderDomain, Vocabulary.documentationIp(dice));
        return new Draft(
                        from,
                        context.recipients(),
                        String.format(
                                dice.pick(SUBJECTS), context.firstRecipient().firstName()),
                        body,
                        auth)
                .sentWith(Draft.MessageIdStyle.GMAIL, null);
    }
}
