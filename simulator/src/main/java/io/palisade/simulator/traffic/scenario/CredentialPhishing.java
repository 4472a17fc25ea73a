package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.Mailbox;
import java.util.List;

/** A brand's sign-in page imitated on a lookalike domain; the lure varies, the campaign keeps its domain. */
final class CredentialPhishing implements MailScenario {

    /** A lure: subject, the paragraph that creates urgency, and the button. */
    private record Lure(String subject, String pitch, String action) {}

    private static final List<Lure> LURES = List.of(
            new Lure(
                    "Your password expires today",
                    "The password for %s expires in 24 hours. Keep your current "
                            + "password to avoid losing access to mail and files.",
                    "Keep current password"),
            new Lure(
                    "Mailbox storage full – action required",
                    "Your mailbox %s has reached 99%% of its quota. "
                            + "New messages will be rejected until you verify your account.",
                    "Verify account"),
            new Lure(
                    "You have 3 pending messages",
                    "3 incoming messages for %s were held because of a sign-in "
                            + "issue. Review them within 48 hours.",
                    "Review messages"),
            new Lure(
                    "A document was shared with you",
                    "A secure document was shared with %s. Sign in to view " + "and sign.",
                    "Open document"),
            new Lure(
                    "Unusual sign-in activity",
                    "We detected an unusual sign-in to %s from a new device. If this "
                            + "wasn't you, secure your account now.",
                    "Secure my account"),
            new Lure(
                    "New voicemail (0:47)",
                    "You received a voicemail for %s. Listen to it in your secure " + "portal.",
                    "Play voicemail"));

    @Override
    public Draft write(ScenarioContext context) {
        Dice campaign = context.campaign();
        Vocabulary.Service brand = campaign.pick(Vocabulary.SERVICES);
        String phishDomain = Lookalikes.of(Lookalikes.registrable(brand.host()), campaign);
        Lure lure = campaign.pick(LURES);
        boolean showRealHost = campaign.chance(0.5);
        String senderLocal = campaign.pick("no-reply", "security", "account-team", "notification");
        boolean authenticated = campaign.chance(0.6);
        boolean blindCopy = campaign.chance(0.5);

        Dice dice = context.dice();
        Mailbox target = context.firstRecipient();
        String link = "https://" + dice.pick("", "login.", "secure.", "portal.") + phishDomain + "/"
                + dice.pick("auth", "signin", "verify", "s") + "/" + dice.alphanumeric(12) + "?id=" + dice.hex(10);
        Body body = new Body()
                .para(dice.pick("Dear user,", "Hello,", "Dear " + target.firstName() + ",", "Attention:"))
                .para(String.format(lure.pitch(), blindCopy ? "your account" : target.address()));
        if (showRealHost) {
            body.link("Sign in at ", "https://" + brand.host() + "/", link, " to continue.");
        } else {
            body.button(lure.action(), link, brand.colour());
        }
        body.para(dice.pick("Thank you,", "Regards,", "Sincerely,") + "\n" + brand.name() + " account team")
                .footer("© 2026 " + brand.name() + " Corporation. All rights reserved.");

        Mailbox from = new Mailbox(
                senderLocal + "@" + phishDomain,
                dice.pick(brand.name(), brand.name() + " Account", brand.name() + " Security", brand.name() + " 365"));
        AuthOutcome auth = authenticated
                ? AuthOutcome.aligned(from.address(), phishDomain, Vocabulary.documentationIp(dice))
                : new AuthOutcome(
                        "none", "none", "none", "bounce@" + phishDomain, null, Vocabulary.documentationIp(dice));
        return new Draft(from, blindCopy ? List.of() : context.recipients(), lure.subject(), body, auth)
                .sentWith(Draft.MessageIdStyle.GENERIC, dice.chance(0.3) ? "PHPMailer 6.9.1" : null);
    }
}
