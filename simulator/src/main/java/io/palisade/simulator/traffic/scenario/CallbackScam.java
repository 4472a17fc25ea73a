package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.Mailbox;
import io.palisade.simulator.traffic.content.PdfDocuments;
import io.palisade.simulator.traffic.mime.MimePart;
import java.util.List;

/** A fake renewal or order with a phone number to "cancel": no link, the attack happens on the call. */
final class CallbackScam implements MailScenario {

    private static final List<String> BRANDS =
            List.of("Norton 360", "McAfee Total Protection", "Geek Squad", "PayPal Billing", "Amazon Prime Renewal");
    private static final List<String> SUBJECTS = List.of(
            "Your order #%s has been processed",
            "Subscription renewed successfully – #%s",
            "Payment receipt %s",
            "Invoice %s: auto-renewal confirmation",
            "Thank you for your purchase (%s)");

    @Override
    public Draft write(ScenarioContext context) {
        Dice campaign = context.campaign();
        String brand = campaign.pick(BRANDS);
        String phone = Vocabulary.tollFreeNumber(campaign);
        String freemail = campaign.pick(Vocabulary.FREEMAIL);

        Dice dice = context.dice();
        String order = dice.digits(9);
        String amount = "$" + dice.between(289, 499) + "." + dice.pick("99", "95", "00");
        Mailbox from = new Mailbox(
                Vocabulary.addressFold(Vocabulary.externalName(dice)) + dice.digits(2) + "@" + freemail, brand);
        Body body = new Body()
                .para(dice.pick(
                        "Dear customer,", "Hello " + context.firstRecipient().firstName() + ",", "Hi,"))
                .para(dice.pick(
                        "Your subscription has been renewed and " + amount + " will be charged to your account today.",
                        "Thank you for your order. " + amount + " has been debited from your payment method.",
                        "This is a confirmation that your annual plan was extended for " + amount + "."))
                .items(List.of("Order number: " + order, "Product: " + brand, "Amount: " + amount))
                .para(dice.pick(
                        "If you did not authorise this purchase, call our billing department at " + phone
                                + " within 24 hours to cancel and get a refund.",
                        "To cancel or dispute the charge, contact us at " + phone + " (24/7).",
                        "Questions? Our support line " + phone + " is open around the clock."))
                .signature(List.of("Billing Department", brand));
        AuthOutcome auth = AuthOutcome.aligned(from.address(), freemail, Vocabulary.documentationIp(dice));
        Draft draft = new Draft(from, context.recipients(), String.format(dice.pick(SUBJECTS), order), body, auth);
        if (dice.chance(0.5)) {
            byte[] pdf = PdfDocuments.page(
                    brand + " – receipt " + order, List.of("Amount charged: " + amount, "To cancel, call " + phone));
            draft.attach(MimePart.Binary.attachment("application/pdf", "Receipt_" + order + ".pdf", pdf));
        }
        return draft.sentWith(Draft.MessageIdStyle.GMAIL, null);
    }
}
