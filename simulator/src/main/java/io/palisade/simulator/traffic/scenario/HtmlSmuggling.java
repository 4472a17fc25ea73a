package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.Mailbox;
import io.palisade.simulator.traffic.content.SmugglingPages;
import io.palisade.simulator.traffic.content.ZipArchives;
import io.palisade.simulator.traffic.mime.MimePart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** An HTML attachment that rebuilds a zip in the browser with atob and a Blob, and downloads it. */
final class HtmlSmuggling implements MailScenario {

    private static final List<String> SUBJECTS = List.of(
            "Remittance advice %s",
            "Fax received: %s pages", "Secure message %s", "Payment confirmation %s", "Scanned document %s");

    @Override
    public Draft write(ScenarioContext context) {
        Dice campaign = context.campaign();
        String domain = Lookalikes.of(campaign.pick(Vocabulary.VENDORS).domain(), campaign);
        String subjectTemplate = campaign.pick(SUBJECTS);
        String variable = campaign.pick("_0x", "q", "dl", "rz", "blob") + campaign.hex(4);

        Dice dice = context.dice();
        String reference = dice.digits(6);
        String archiveName = dice.pick("Remittance_", "Document_", "Scan_") + reference + ".zip";
        // The archive holds an inert script; the sample is about the delivery technique, not a working payload.
        byte[] payload = ZipArchives.of(Map.of(
                "Document_" + reference + ".js",
                ("// sample " + dice.hex(16) + "\nWScript.Echo(\"document " + reference + "\");\n")
                        .getBytes(StandardCharsets.UTF_8)));
        String page = SmugglingPages.page(
                "Document " + reference, "Your download will start automatically.", payload, archiveName, variable);

        Mailbox from = context.outsider(domain);
        Body body = new Body()
                .para(dice.pick(
                        "Hello,", "Good day,", "Hi " + context.firstRecipient().firstName() + ","))
                .para(dice.pick(
                        "Please find the attached document for your review.",
                        "Attached is the remittance advice for the payment sent today.",
                        "You have received a secure document. Open the attachment in your browser to view it."))
                .signature(List.of(dice.pick(Vocabulary.SIGN_OFFS), from.displayName()));
        AuthOutcome auth = AuthOutcome.aligned(from.address(), domain, Vocabulary.documentationIp(dice));
        return new Draft(from, context.recipients(), String.format(subjectTemplate, reference), body, auth)
                .attach(MimePart.Binary.attachment(
                        "text/html",
                        dice.pick("Document_", "Remittance_", "Fax_")
                                + reference
                                + dice.pick(".html", ".htm", ".shtml"),
                        page.getBytes(StandardCharsets.UTF_8)))
                .sentWith(Draft.MessageIdStyle.GENERIC, null);
    }
}
