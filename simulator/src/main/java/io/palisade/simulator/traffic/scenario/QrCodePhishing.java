package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.Mailbox;
import io.palisade.simulator.traffic.content.QrCodes;
import io.palisade.simulator.traffic.mime.MimePart;
import java.util.List;

/** The phishing link hides in a QR image, so the message carries no clickable link at all. */
final class QrCodePhishing implements MailScenario {

    private static final List<String> SUBJECTS = List.of(
            "Action required: re-enrol multi-factor authentication",
            "Your document is ready to sign",
            "Security update for your account",
            "Scan to review your payroll statement",
            "MFA reset pending");
    private static final List<String> PITCHES = List.of(
            "Your multi-factor authentication expires today. Scan the code below with your phone camera to keep "
                    + "access.",
            "A document requires your signature. For security, it can only be opened on a mobile device: scan "
                    + "the code below.",
            "Your payroll statement for this month is available. Scan the QR code to view it securely.");

    @Override
    public Draft write(ScenarioContext context) {
        Dice campaign = context.campaign();
        Vocabulary.Service brand = campaign.pick(Vocabulary.SERVICES);
        String phishDomain = Lookalikes.of(Lookalikes.registrable(brand.host()), campaign);
        String subject = campaign.pick(SUBJECTS);

        Dice dice = context.dice();
        String url = "https://" + phishDomain + "/" + dice.pick("m", "mfa", "doc", "qr") + "/" + dice.alphanumeric(10)
                + "#" + dice.hex(12);
        String contentId = "qr" + dice.hex(12) + "@" + phishDomain;
        byte[] png = QrCodes.png(url, 220);
        Body body = new Body()
                .para(dice.pick(
                        "Hello,",
                        "Dear employee,",
                        "Hi " + context.firstRecipient().firstName() + ","))
                .para(dice.pick(PITCHES))
                .image("cid:" + contentId, "QR code", 220, 220)
                .para(dice.pick("This request expires in 24 hours.", "Thank you for keeping your account secure."))
                .signature(List.of(brand.name() + " Security", "IT Service Desk"));

        Mailbox from = new Mailbox(
                dice.pick("it-support", "security", "hr-notice") + "@" + phishDomain,
                dice.pick(brand.name() + " Security", "IT Service Desk", "HR Department"));
        AuthOutcome auth = AuthOutcome.aligned(from.address(), phishDomain, Vocabulary.documentationIp(dice));
        return new Draft(from, context.recipients(), subject, body, auth)
                .attach(new MimePart.Binary(
                        "image/png", dice.pick("qr.png", "scan_me.png", "code.png"), png, contentId))
                .sentWith(Draft.MessageIdStyle.GENERIC, null);
    }
}
