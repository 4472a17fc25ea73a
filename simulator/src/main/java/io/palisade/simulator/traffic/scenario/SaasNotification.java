package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.Mailbox;
import java.util.List;

/** A genuine notification from a SaaS tool the tenant uses, linking to that tool's real host. */
final class SaasNotification implements MailScenario {

    /** One notification template: the service's index in the vocabulary, subject and body with a %s slot. */
    private record Template(int service, String subject, String line, String action, String path) {}

    private static final List<Template> TEMPLATES = List.of(
            new Template(
                    1,
                    "[palisade/web] Review requested on pull request #%s",
                    "%s requested your review on this pull request.",
                    "View pull request",
                    "/pull/"),
            new Template(
                    1,
                    "Re: [palisade/core] Flaky test in queue module (Issue #%s)",
                    "%s commented on this issue.",
                    "View it on GitHub",
                    "/issues/"),
            new Template(
                    2,
                    "%s new messages in #general",
                    "%s and others posted while you were away.",
                    "Open Slack",
                    "/messages/"),
            new Template(
                    3,
                    "Cloud recording is now available (%s)",
                    "The recording of the meeting hosted by %s is ready.",
                    "View recording",
                    "/rec/share/"),
            new Template(
                    4,
                    "[JIRA] (OPS-%s) Rotate staging certificates",
                    "%s assigned this issue to you.",
                    "View issue",
                    "/browse/OPS-"),
            new Template(
                    5,
                    "Completed: please DocuSign: Contract %s",
                    "All parties have completed the envelope sent by %s.",
                    "View completed document",
                    "/documents/"),
            new Template(
                    6, "%s shared a folder with you", "%s shared \"Q3 planning\" with you.", "Open folder", "/scl/fo/"),
            new Template(
                    7,
                    "Your report \"Pipeline by region\" is ready (%s)",
                    "The scheduled report requested by %s finished.",
                    "Open report",
                    "/lightning/r/Report/"));

    @Override
    public Draft write(ScenarioContext context) {
        Dice dice = context.dice();
        Template template = dice.pick(TEMPLATES);
        Vocabulary.Service service = Vocabulary.SERVICES.get(template.service());
        Mailbox actor = context.colleague();
        String id = dice.digits(dice.between(3, 5));
        String link = "https://" + service.host() + template.path() + id;

        Body body = new Body()
                .para(String.format(template.line(), actor.displayName()))
                .button(template.action(), link, service.colour())
                .footer("You are receiving this because of your " + service.name() + " notification settings. "
                        + "Manage them at https://" + service.host() + "/settings/notifications");
        Mailbox from = new Mailbox(service.sender(), actor.displayName() + " (via " + service.name() + ")");
        AuthOutcome auth = AuthOutcome.aligned(
                "bounces+" + dice.digits(6) + "@" + Lookalikes.registrable(service.host()),
                service.domain(),
                Vocabulary.documentationIp(dice));
        return new Draft(from, context.recipients(), String.format(template.subject(), id), body, auth)
                .header("Auto-Submitted", "auto-generated")
                .sentWith(Draft.MessageIdStyle.GENERIC, null);
    }
}
