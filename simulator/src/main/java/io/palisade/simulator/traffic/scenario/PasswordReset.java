package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.Mailbox;
import java.util.List;

/** A genuine password reset the user asked for, from the service's real domain to its real host. */
final class PasswordReset implements MailScenario {

    private static final List<String> SUBJECTS = List.of(
            "Reset your %s password",
            "%s password reset", "Your %s password reset request", "Instructions to reset your %s password");

    @Override
    public Draft write(ScenarioContext context) {
        Dice dice = context.dice();
        Vocabulary.Service service = dice.pick(Vocabulary.SERVICES);
        Mailbox user = context.firstRecipient();
        String link = "https://" + service.host() + "/password_reset/" + dice.alphanumeric(32);

        Body body = new Body()
                .para("Hi " + user.firstName() + ",")
                .para(dice.pick(
                        "We received a request to reset the password for your " + service.name() + " account.",
                        "Someone (hopefully you) asked to reset your " + service.name() + " password.",
                        "Use the link below to choose a new " + service.name() + " password."))
                .button("Reset password", link, service.colour())
                .para(dice.pick(
                        "This link expires in 60 minutes.",
                        "The link works once and expires in 24 hours.",
                        "For your security the link expires soon."))
                .para("If you didn't ask for this, you can ignore this message; your password stays the same.")
                .signature(List.of("The " + service.name() + " team"));
        AuthOutcome auth = AuthOutcome.aligned(service.sender(), service.domain(), Vocabulary.documentationIp(dice));
        return new Draft(
                        new Mailbox(service.sender(), service.name()),
                        List.of(user),
                        String.format(dice.pick(SUBJECTS), service.name()),
                        body,
                        auth)
                .header("Auto-Submitted", "auto-generated")
                .sentWith(Draft.MessageIdStyle.GENERIC, null);
    }
}
