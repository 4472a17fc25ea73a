package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.Mailbox;
import io.palisade.simulator.traffic.content.PdfDocuments;
import io.palisade.simulator.traffic.mime.MimePart;
import java.util.List;

/** A supplier "changes bank": from a lookalike of the vendor's domain, or a spoof with a freemail Reply-To. */
final class PaymentChangeFraud implements MailScenario {

    private static final List<String> SUBJECTS = List.of(
            "Updated banking details",
            "Change of bank account – %s",
            "Important: new remittance information",
            "RE: outstanding invoices – new account",
            "Bank details update for future payments");
    private static final List<String> REASONS = List.of(
            "Due to an ongoing audit our previous account is temporarily on hold.",
            "We have moved our banking to a new provider as of this month.",
            "Following our merger, all payments must now go to the group account.");

    @Override
    public Draft write(ScenarioContext context) {
        Dice campaign = context.campaign();
        Vocabulary.Vendor vendor = campaign.pick(Vocabulary.VENDORS);
        boolean spoof = campaign.chance(0.35);
        String sendingDomain = spoof ? vendor.domain() : Lookalikes.of(vendor.domain(), campaign);
        String iban = campaign.pick("GB", "LT", "DE", "NL") + campaign.digits(2) + " " + campaign.digits(4) + " "
                + campaign.digits(4) + " " + campaign.digits(4) + " " + campaign.digits(4);

        Dice dice = context.dice();
        Mailbox contact = context.outsider(sendingDomain);
        Mailbox from = new Mailbox(contact.address(), contact.displayName() + " | " + vendor.name());
        Body body = new Body()
                .para("Dear " + context.firstRecipient().firstName() + ",")
                .para(dice.pick(REASONS))
                .para("Please update our details before the next payment run:")
                .items(List.of(
                        "Beneficiary: " + vendor.name(),
                        "IBAN: " + iban,
                        "BIC: " + campaign.alphanumeric(8).toUpperCase(java.util.Locale.ROOT)))
                .para(dice.pick(
                        "Kindly confirm once updated and let me know the date of the next transfer.",
                        "Please do not use the old account any more; payments there will be returned.",
                        "Could you also send me a statement of open invoices?"))
                .signature(List.of(dice.pick(Vocabulary.SIGN_OFFS), contact.displayName(), "Accounts Receivable"));

        AuthOutcome auth = spoof
                ? AuthOutcome.spoofed(
                        "bounce@" + campaign.pick(Vocabulary.FREEMAIL),
                        Vocabulary.documentationIp(dice),
                        dice.chance(0.5))
                : AuthOutcome.aligned(from.address(), sendingDomain, Vocabulary.documentationIp(dice));
        Draft draft =
                new Draft(from, context.recipients(), String.format(dice.pick(SUBJECTS), vendor.name()), body, auth);
        if (spoof) {
            draft.replyTo(new Mailbox(
                    Vocabulary.addressFold(contact.displayName()) + "." + dice.digits(2) + "@"
                            + campaign.pick(Vocabulary.FREEMAIL),
                    contact.displayName()));
        }
        if (dice.chance(0.4)) {
            byte[] letter = PdfDocuments.page(
                    vendor.name() + " – bank confirmation",
                    List.of("We confirm our new bank account:", "IBAN " + iban, "Effective immediately."));
            draft.attach(MimePart.Binary.attachment("application/pdf", "Bank_confirmation.pdf", letter));
        }
        return draft.sentWith(Draft.MessageIdStyle.GENERIC, null);
    }
}
