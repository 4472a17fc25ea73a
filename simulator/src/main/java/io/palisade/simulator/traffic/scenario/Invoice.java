package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.Mailbox;
import io.palisade.simulator.traffic.content.PdfDocuments;
import io.palisade.simulator.traffic.mime.MimePart;
import java.util.ArrayList;
import java.util.List;

/** A supplier's monthly invoice with a PDF, paid to the bank details already on file. */
final class Invoice implements MailScenario {

    private static final List<String> ITEMS = List.of(
            "Office chairs",
            "Printer toner",
            "Freight, pallet",
            "Consulting hours",
            "Laptop docking stations",
            "Maintenance contract",
            "Paper A4, 80 g",
            "Catering, team event");

    @Override
    public Draft write(ScenarioContext context) {
        Dice dice = context.dice();
        Vocabulary.Vendor vendor = dice.pick(Vocabulary.VENDORS);
        String number = "INV-2026-" + dice.digits(5);
        String total = Vocabulary.money(dice, 180, 24_000);
        Mailbox from = new Mailbox(
                dice.pick("billing", "invoices", "accounts") + "@" + vendor.domain(),
                vendor.name() + (vendor.german() ? " Buchhaltung" : " Billing"));

        byte[] pdf = PdfDocuments.page(vendor.name() + " – " + number, invoiceLines(dice, vendor, total));
        String fileName = vendor.german() ? "Rechnung_" + number + "_März.pdf" : "Invoice_" + number + ".pdf";
        Body body = vendor.german() ? germanBody(number, total, context) : englishBody(dice, number, total, context);
        String subject = vendor.german()
                ? "Rechnung " + number + " – " + vendor.name()
                : dice.pick("Invoice ", "Your invoice ", "New invoice ") + number + " from " + vendor.name();

        AuthOutcome auth = AuthOutcome.aligned(from.address(), vendor.domain(), Vocabulary.documentationIp(dice));
        return new Draft(from, context.recipients(), subject, body, auth)
                .attach(MimePart.Binary.attachment("application/pdf", fileName, pdf))
                .sentWith(Draft.MessageIdStyle.GENERIC, dice.pick("Microsoft Outlook 16.0", "Xero", "sevDesk"));
    }

    private static List<String> invoiceLines(Dice dice, Vocabulary.Vendor vendor, String total) {
        List<String> lines = new ArrayList<>();
        lines.add(vendor.name() + ", " + vendor.domain());
        lines.add("");
        for (String item : dice.sample(ITEMS, dice.between(1, 4))) {
            lines.add(dice.between(1, 40) + " x " + item + "    EUR " + Vocabulary.money(dice, 20, 900));
        }
        lines.add("");
        lines.add("Total due: EUR " + total);
        lines.add("Payment terms: 30 days net, to the account on file.");
        return lines;
    }

    private static Body englishBody(Dice dice, String number, String total, ScenarioContext context) {
        return new Body()
                .para("Hello " + context.firstRecipient().firstName() + ",")
                .para(dice.pick(
                        "Please find attached invoice " + number + " for EUR " + total + ".",
                        "Attached is invoice " + number + " (EUR " + total + ") for last month's order.",
                        "Your invoice " + number + " is attached. Amount due: EUR " + total + "."))
                .para(dice.pick(
                        "Payment is due within 30 days to the usual account.",
                        "As always, payment terms are 30 days net.",
                        "Let us know if anything on it looks wrong."))
                .signature(List.of(dice.pick(Vocabulary.SIGN_OFFS), "Accounts team"));
    }

    private static Body germanBody(String number, String total, ScenarioContext context) {
        return new Body()
                .para("Guten Tag " + context.firstRecipient().displayName() + ",")
                .para("anbei erhalten Sie unsere Rechnung " + number + " über EUR " + total + ".")
                .para("Bitte überweisen Sie den Betrag innerhalb von 30 Tagen auf das bekannte Konto.")
                .signature(List.of("Mit freundlichen Grüßen", "Ihre Buchhaltung"));
    }
}
