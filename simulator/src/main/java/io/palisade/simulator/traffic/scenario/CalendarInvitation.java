package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.Mailbox;
import io.palisade.simulator.traffic.content.CalendarInvitations;
import io.palisade.simulator.traffic.mime.MimePart;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A colleague invites recipients to a meeting: text, HTML and a text/calendar request. */
final class CalendarInvitation implements MailScenario {

    @Override
    public Draft write(ScenarioContext context) {
        Dice dice = context.dice();
        Mailbox organizer = context.colleague();
        String topic = dice.pick(Vocabulary.TOPICS);
        Instant start = context.at()
                .truncatedTo(ChronoUnit.HOURS)
                .plus(dice.between(1, 10), ChronoUnit.DAYS)
                .plus(dice.between(0, 7), ChronoUnit.HOURS);
        Instant end = start.plus(dice.pick(30, 45, 60), ChronoUnit.MINUTES);
        boolean teams = dice.chance(0.6);
        String join = teams
                ? "https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + dice.alphanumeric(40) + "%40thread.v2/0"
                : "https://meet.google.com/" + dice.hex(3) + "-" + dice.hex(4) + "-" + dice.hex(3);

        String ics = CalendarInvitations.request(
                dice.hex(32).toUpperCase(java.util.Locale.ROOT),
                context.at(),
                new CalendarInvitations.Person(organizer.displayName(), organizer.address()),
                context.recipients().stream()
                        .map(m -> new CalendarInvitations.Person(m.displayName(), m.address()))
                        .toList(),
                topic,
                teams ? "Microsoft Teams Meeting" : "Google Meet",
                "Agenda: " + topic + ". Join: " + join,
                start,
                end);
        Body body = new Body()
                .para(dice.pick("Hi all,", "Hello,", "Hi team,"))
                .para(dice.pick(
                        "Let's sync on the " + topic + ".",
                        "Setting up time to go through the " + topic + ".",
                        "Short meeting to agree next steps on the " + topic + "."))
                .link("Join the meeting: ", teams ? "Click here to join the meeting" : join, join, "");
        String subject = teams
                ? topic
                : "Invitation: " + topic + " @ " + start.toString().substring(0, 10);

        Draft draft = new Draft(
                        organizer, context.recipients(), subject, body, InternalThread.internalAuth(organizer, context))
                .calendar(ics);
        if (!teams) {
            draft.attach(
                    MimePart.Binary.attachment("application/ics", "invite.ics", ics.getBytes(StandardCharsets.UTF_8)));
        }
        return draft.sentWith(teams ? Draft.MessageIdStyle.OUTLOOK : Draft.MessageIdStyle.GMAIL, null);
    }
}
