package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.MailMessage;
import io.palisade.simulator.traffic.Mailbox;
import io.palisade.simulator.traffic.ReceivingPlatform;
import io.palisade.simulator.traffic.mime.HeaderText;
import io.palisade.simulator.traffic.mime.MimePart;
import io.palisade.simulator.traffic.mime.MimeWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Turns a draft into MIME with the headers the receiving platform would show: Received, Authentication-Results. */
final class MessageRenderer {

    private static final DateTimeFormatter RFC5322 =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);
    private static final List<ZoneOffset> SENDER_ZONES = List.of(
            ZoneOffset.UTC,
            ZoneOffset.ofHours(1),
            ZoneOffset.ofHours(2),
            ZoneOffset.ofHours(-5),
            ZoneOffset.ofHours(-8),
            ZoneOffset.ofHoursMinutes(5, 30),
            ZoneOffset.ofHours(9));

    private MessageRenderer() {}

    static MailMessage render(Draft draft, ReceivingPlatform platform, Instant receivedAt, Dice dice) {
        Instant sentAt = receivedAt.minusSeconds(dice.between(1, 40));
        ZoneOffset zone = dice.pick(SENDER_ZONES);
        String messageId = messageId(draft, dice);
        MimeWriter writer = new MimeWriter(dice.alphanumeric(16));

        writer.header("Received", Received.line(draft.auth, platform, receivedAt, dice));
        writer.header("Authentication-Results", AuthenticationResults.header(draft, platform, dice));
        writer.unfoldedHeader("Return-Path", "<" + draft.auth.mailFrom() + ">");
        writeAddressing(draft, writer);
        writer.header("Subject", HeaderText.unstructured(draft.subject));
        writer.header("Date", RFC5322.format(sentAt.atOffset(zone)));
        writer.unfoldedHeader("Message-ID", messageId);
        if (draft.inReplyTo != null) {
            writer.unfoldedHeader("In-Reply-To", draft.inReplyTo);
            writer.header("References", draft.references);
        }
        if (draft.mailer != null) {
            writer.header("X-Mailer", draft.mailer);
        }
        draft.headers.forEach(h -> writer.header(h[0], h[1]));

        byte[] mime = writer.write(structure(draft));
        return new MailMessage(messageId, draft.subject, draft.from, mime);
    }

    private static void writeAddressing(Draft draft, MimeWriter writer) {
        writer.header("From", address(draft.from));
        // A list or a campaign sent in blind copy shows no recipient at all.
        writer.header("To", draft.to.isEmpty() ? "undisclosed-recipients:;" : addresses(draft.to));
        if (!draft.cc.isEmpty()) {
            writer.header("Cc", addresses(draft.cc));
        }
        if (draft.replyTo != null) {
            writer.header("Reply-To", address(draft.replyTo));
        }
    }

    private static MimePart structure(Draft draft) {
        List<MimePart> alternatives = new ArrayList<>();
        alternatives.add(MimePart.Text.plain(draft.body.text()));
        alternatives.add(MimePart.Text.html(draft.body.html()));
        if (draft.calendar != null) {
            alternatives.add(draft.calendar);
        }
        MimePart alternative = new MimePart.Multi("alternative", alternatives);
        if (draft.attachments.isEmpty()) {
            return alternative;
        }
        List<MimePart> mixed = new ArrayList<>();
        mixed.add(alternative);
        mixed.addAll(draft.attachments);
        return new MimePart.Multi("mixed", mixed);
    }

    static String messageId(Draft draft, Dice dice) {
        String domain = draft.from.address().substring(draft.from.address().indexOf('@') + 1);
        return switch (draft.idStyle) {
            case OUTLOOK -> {
                String server =
                        dice.pick("DB9PR04", "AM6PR10", "PH0PR11", "SN7PR18", "LO2P265") + "MB" + dice.digits(4);
                yield "<" + server + dice.hex(20).toUpperCase(Locale.ROOT) + "@" + server + "."
                        + dice.pick("eurprd04", "namprd11", "gbrprd01") + ".prod.outlook.com>";
            }
            case GMAIL -> "<CA" + dice.alphanumeric(44) + "@mail.gmail.com>";
            case GENERIC -> "<" + dice.hex(16) + "." + dice.hex(8) + "@" + domain + ">";
        };
    }

    private static String address(Mailbox mailbox) {
        return HeaderText.address(mailbox.displayName(), mailbox.address());
    }

    private static String addresses(List<Mailbox> mailboxes) {
        return mailboxes.stream().map(MessageRenderer::address).collect(Collectors.joining(", "));
    }
}
