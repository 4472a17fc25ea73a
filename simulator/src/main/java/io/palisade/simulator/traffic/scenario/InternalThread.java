package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.Mailbox;
import java.util.List;

/** A colleague replies to a colleague's question, quoting it: ordinary internal mail. */
final class InternalThread implements MailScenario {

    private static final List<String> QUESTIONS = List.of(
            "Could you take a look at the %s before Thursday? I'd like to send it out by the end of the week.",
            "Quick one on the %s: do we still need sign-off from legal, or can we go ahead?",
            "I've put together a first pass at the %s. Let me know what you think.",
            "Are we still on track with the %s? The team asked me for a status update.");
    private static final List<String> ANSWERS = List.of(
            "Looks good to me. I left two small comments in the shared doc, nothing blocking.",
            "Yes, we're on track. I'll walk everyone through it at Monday's stand-up.",
            "Legal is fine with it as long as we keep the data section unchanged. Go ahead.",
            "Thanks for pulling this together. Can we move the timeline section up front?",
            "I had a look – the numbers for March need another check, otherwise we're good.");

    @Override
    public Draft write(ScenarioContext context) {
        Dice dice = context.dice();
        Mailbox author = context.colleague();
        Mailbox asker = context.firstRecipient();
        String topic = dice.pick(Vocabulary.TOPICS);

        Body question = new Body()
                .para("Hi " + author.firstName() + ",")
                .para(String.format(dice.pick(QUESTIONS), topic))
                .signature(List.of(dice.pick(Vocabulary.SIGN_OFFS), asker.firstName()));
        Body reply = new Body()
                .para("Hi " + asker.firstName() + ",")
                .para(dice.pick(ANSWERS))
                .signature(List.of(dice.pick(Vocabulary.SIGN_OFFS), author.displayName()))
                .quote(
                        "On " + dice.pick("Monday", "Tuesday", "Wednesday", "Thursday", "Friday") + ", "
                                + asker.displayName() + " <" + asker.address() + "> wrote:",
                        question);

        String parentId = "<" + dice.hex(16) + "." + dice.hex(8) + "@" + context.domain() + ">";
        String prefix = dice.pick("RE: ", "Re: ", "AW: ", "RE: RE: ");
        Draft draft = new Draft(author, context.recipients(), prefix + topic, reply, internalAuth(author, context))
                .inReplyTo(parentId, parentId)
                .header("Thread-Topic", io.palisade.simulator.traffic.mime.HeaderText.unstructured(topic));
        return draft.sentWith(Draft.MessageIdStyle.OUTLOOK, dice.chance(0.5) ? "Microsoft Outlook 16.0" : null);
    }

    static AuthOutcome internalAuth(Mailbox sender, ScenarioContext context) {
        return AuthOutcome.aligned(sender.address(), context.domain(), Vocabulary.documentationIp(context.dice()));
    }
}
