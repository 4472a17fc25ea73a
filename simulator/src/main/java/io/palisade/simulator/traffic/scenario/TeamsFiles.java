package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.ChatPost;
import io.palisade.simulator.traffic.Mailbox;
import io.palisade.simulator.traffic.content.MacroDocuments;
import io.palisade.simulator.traffic.content.PdfDocuments;
import io.palisade.simulator.traffic.content.SmugglingPages;
import io.palisade.simulator.traffic.content.ZipArchives;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Teams chat messages that share a file: a colleague's notes, or an outside sender's booby-trapped document. */
final class TeamsFiles {

    private TeamsFiles() {}

    /** A colleague shares a PDF of meeting notes in a group chat. */
    static final class Shared implements ChatScenario {
        @Override
        public ChatPost write(ScenarioContext context) {
            Dice dice = context.dice();
            Mailbox sender = context.colleague();
            String topic = dice.pick(Vocabulary.TOPICS);
            byte[] pdf = PdfDocuments.page(
                    "Notes: " + topic,
                    List.of(
                            "Attendees: " + sender.displayName() + ", "
                                    + context.firstRecipient().displayName(),
                            "Decision: go ahead with option " + dice.pick("A", "B", "C"),
                            "Next review in " + dice.between(1, 4) + " weeks"));
            String html = "<p>"
                    + Body.escape(dice.pick(
                            "Here are the notes from today",
                            "Notes for the " + topic + " attached",
                            "Sharing the summary, shout if I missed anything"))
                    + "</p>";
            return new ChatPost(
                    topic, sender, false, html, "Notes - " + topic.replace('/', '-') + ".pdf", "application/pdf", pdf);
        }
    }

    /** Someone from another organisation sends a macro document or an HTML smuggling page. */
    static final class Malicious implements ChatScenario {
        @Override
        public ChatPost write(ScenarioContext context) {
            Dice campaign = context.campaign();
            String domain = Lookalikes.of(campaign.pick(Vocabulary.VENDORS).domain(), campaign);
            boolean macro = campaign.chance(0.5);

            Dice dice = context.dice();
            Mailbox sender = context.outsider(domain);
            String reference = dice.digits(6);
            String html = "<p>"
                    + Body.escape(dice.pick(
                            "Hi, please review the invoice urgently, it is overdue.",
                            "Hello! HR asked me to share the updated salary sheet with you.",
                            "Can you check this document before our call?"))
                    + "</p>";
            if (macro) {
                String guid =
                        dice.hex(8) + "-" + dice.hex(4) + "-" + dice.hex(4) + "-" + dice.hex(4) + "-" + dice.hex(12);
                byte[] file = MacroDocuments.xlsm(
                        List.of("Invoice " + reference, "Enable content to view."),
                        "Module1",
                        MacroDocument.macroSource(dice, false, "cdn-" + dice.hex(6) + ".top"),
                        guid.toUpperCase(Locale.ROOT));
                return new ChatPost(
                        "", sender, true, html, "Invoice_" + reference + ".xlsm", MacroDocuments.XLSM_TYPE, file);
            }
            byte[] payload = ZipArchives.of(Map.of(
                    "Invoice_" + reference + ".js",
                    ("WScript.Echo(\"" + reference + "\");\n").getBytes(StandardCharsets.UTF_8)));
            String page = SmugglingPages.page(
                    "Invoice " + reference,
                    "Loading document...",
                    payload,
                    "Invoice_" + reference + ".zip",
                    "v" + dice.hex(4));
            return new ChatPost(
                    "",
                    sender,
                    true,
                    html,
                    "Invoice_" + reference + ".html",
                    "text/html",
                    page.getBytes(StandardCharsets.UTF_8));
        }
    }
}
