package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.Mailbox;
import io.palisade.simulator.traffic.mime.MimePart;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A message a scenario wrote, before it is rendered to MIME. Fields are set once by the scenario. */
public final class Draft {

    /** The style of Message-ID the sending system writes. */
    public enum MessageIdStyle {
        OUTLOOK,
        GMAIL,
        GENERIC
    }

    final Mailbox from;
    final List<Mailbox> to;
    final String subject;
    final Body body;
    final AuthOutcome auth;
    final List<Mailbox> cc = new ArrayList<>();
    final List<MimePart.Binary> attachments = new ArrayList<>();
    final List<String[]> headers = new ArrayList<>();
    Mailbox replyTo;
    String inReplyTo;
    String references;
    MimePart.Text calendar;
    MessageIdStyle idStyle = MessageIdStyle.GENERIC;
    String mailer;

    public Draft(Mailbox from, List<Mailbox> to, String subject, Body body, AuthOutcome auth) {
        this.from = Objects.requireNonNull(from, "from");
        this.to = List.copyOf(to);
        this.subject = Objects.requireNonNull(subject, "subject");
        this.body = Objects.requireNonNull(body, "body");
        this.auth = Objects.requireNonNull(auth, "auth");
    }

    public Draft cc(List<Mailbox> people) {
        cc.addAll(people);
        return this;
    }

    public Draft replyTo(Mailbox address) {
        this.replyTo = address;
        return this;
    }

    /** Marks the message as a reply to {@code parentId}; {@code references} is the whole chain. */
    public Draft inReplyTo(String parentId, String chain) {
        this.inReplyTo = parentId;
        this.references = chain;
        return this;
    }

    public Draft attach(MimePart.Binary attachment) {
        attachments.add(attachment);
        return this;
    }

    /** Adds a text/calendar alternative (a meeting request). */
    public Draft calendar(String ics) {
        this.calendar = new MimePart.Text("text/calendar", "method=REQUEST", ics);
        return this;
    }

    /** Adds a header written as given; the value must be ASCII. */
    public Draft header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    public Draft sentWith(MessageIdStyle style, String mailerName) {
        this.idStyle = style;
        this.mailer = mailerName;
        return this;
    }
}
