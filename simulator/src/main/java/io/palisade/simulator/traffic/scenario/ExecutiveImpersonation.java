package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.Mailbox;
import java.util.List;

/** A freemail account carries the chief executive's display name and asks for a quick, quiet favour. */
final class ExecutiveImpersonation implements MailScenario {

    private static final List<String> SUBJECTS =
            List.of("Quick favour", "Are you available?", "Urgent request", "Need your help", "Confidential", "Task");
    private static final List<String> ASKS = List.of(
            "I need you to purchase some gift cards for a client appreciation. %s of them at 200 each. Keep this "
                    + "between us for now, it's a surprise.",
            "I need a wire processed today for an acquisition we are closing. It is confidential, so please deal "
                    + "only with me on this. Amount is %s,000 EUR.",
            "Are you at your desk? I'm in a board meeting and can't talk. Send me your mobile number, I have a "
                    + "task for you that needs doing within the hour (%s min max).",
            "Please send me the current payroll bank details and the list of staff on leave. I need it for a "
                    + "call in %s minutes.");

    @Override
    public Draft write(ScenarioContext context) {
        Mailbox executive = context.directory().executive();
        Dice campaign = context.campaign();
        String freemail = campaign.pick(Vocabulary.FREEMAIL);
        String local = Vocabulary.addressFold(executive.displayName()).replace(".", campaign.pick(".", "_", ""))
                + campaign.pick("", ".ceo", ".office", campaign.digits(2));
        Mailbox from = new Mailbox(local + "@" + freemail, executive.displayName());

        Dice dice = context.dice();
        Body body = new Body()
                .para(dice.pick("Hi ", "Hello ", "") + context.firstRecipient().firstName() + ",")
                .para(String.format(dice.pick(ASKS), dice.between(5, 20)))
                .para(dice.pick("Let me know once done.", "Reply as soon as you see this.", "Thanks for your help."))
                .signature(List.of(
                        executive.firstName(),
                        dice.pick("Sent from my iPhone", "Sent from Outlook for iOS", "Sent from my mobile device")));
        AuthOutcome auth = AuthOutcome.aligned(from.address(), freemail, Vocabulary.documentationIp(dice));
        List<Mailbox> targets =
                context.recipients().stream().filter(m -> !m.equals(executive)).toList();
        return new Draft(from, targets.isEmpty() ? context.recipients() : targets, dice.pick(SUBJECTS), body, auth)
                .sentWith(Draft.MessageIdStyle.GMAIL, dice.chance(0.5) ? "iPhone Mail (22D72)" : null);
    }
}
