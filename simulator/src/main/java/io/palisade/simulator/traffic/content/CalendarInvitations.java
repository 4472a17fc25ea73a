package io.palisade.simulator.traffic.content;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** iCalendar (RFC 5545) meeting requests, as Outlook and Gmail send them in a text/calendar part. */
public final class CalendarInvitations {

    private static final DateTimeFormatter UTC_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_OCTETS = 75;

    private CalendarInvitations() {}

    /**
     * A person in an invitation.
     *
     * @param name the display name, never null
     * @param address the mail address, never null
     */
    public record Person(String name, String address) {}

    /**
     * A meeting request: METHOD:REQUEST with one VEVENT.
     *
     * @param uid the event's unique id, never null
     * @param stamp when the request was made (DTSTAMP), never null
     */
    public static String request(
            String uid,
            Instant stamp,
            Person organizer,
            List<Person> attendees,
            String summary,
            String location,
            String description,
            Instant start,
            Instant end) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "PRODID:-//Palisade//Traffic Generator//EN");
        line(out, "VERSION:2.0");
        line(out, "METHOD:REQUEST");
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + uid);
        line(out, "DTSTAMP:" + UTC_STAMP.format(stamp));
        line(out, "DTSTART:" + UTC_STAMP.format(start));
        line(out, "DTEND:" + UTC_STAMP.format(end));
        line(out, "SUMMARY:" + text(summary));
        line(out, "LOCATION:" + text(location));
        line(out, "DESCRIPTION:" + text(description));
        line(out, "ORGANIZER;CN=" + quoted(organizer.name()) + ":mailto:" + organizer.address());
        for (Person attendee : attendees) {
            line(
                    out,
                    "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=" + quoted(attendee.name())
                            + ":mailto:" + attendee.address());
        }
        line(out, "SEQUENCE:0");
        line(out, "STATUS:CONFIRMED");
        line(out, "TRANSP:OPAQUE");
        line(out, "END:VEVENT");
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    private static String text(String value) {
        return value.replace("\\", "\\\\")
                .replace(";", "\\;")
                .replace(",", "\\,")
                .replace("\r\n", "\\n")
                .replace("\n", "\\n");
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "'") + "\"";
    }

    /** Writes a content line folded at 75 octets, never inside a UTF-8 sequence. */
    private static void line(StringBuilder out, String content) {
        int octets = 0;
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > MAX_OCTETS) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append("\r\n");
    }
}
