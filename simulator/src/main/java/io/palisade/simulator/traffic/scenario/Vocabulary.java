package io.palisade.simulator.traffic.scenario;

import java.util.List;

/** The names, companies, services and topics that scenarios fill their slots with. */
final class Vocabulary {

    /**
     * A real online service that sends genuine notifications, and the brand attackers imitate.
     *
     * @param name what users call it
     * @param sender the address its notifications really come from
     * @param host the host its genuine links point to
     * @param colour the button colour of its mail
     */
    record Service(String name, String sender, String host, String colour) {
        String domain() {
            return sender.substring(sender.indexOf('@') + 1);
        }
    }

    /**
     * A supplier that bills the tenant.
     *
     * @param name the company name, possibly non-ASCII
     * @param domain its real mail domain
     * @param german whether it writes in German
     */
    record Vendor(String name, String domain, boolean german) {}

    static final List<Service> SERVICES = List.of(
            new Service(
                    "Microsoft",
                    "account-security-noreply@accountprotection.microsoft.com",
                    "account.microsoft.com",
                    "#0067b8"),
            new Service("GitHub", "noreply@github.com", "github.com", "#2da44e"),
            new Service("Slack", "no-reply@slack.com", "slack.com", "#4a154b"),
            new Service("Zoom", "no-reply@zoom.us", "zoom.us", "#0b5cff"),
            new Service("Atlassian", "noreply@id.atlassian.com", "id.atlassian.com", "#0052cc"),
            new Service("DocuSign", "dse_na4@docusign.net", "app.docusign.com", "#ffc820"),
            new Service("Dropbox", "no-reply@dropbox.com", "www.dropbox.com", "#0061fe"),
            new Service("Salesforce", "noreply@salesforce.com", "login.salesforce.com", "#0176d3"));

    static final List<Vendor> VENDORS = List.of(
            new Vendor("Northwind Traders", "northwindtraders.com", false),
            new Vendor("Fabrikam Supplies", "fabrikamsupplies.com", false),
            new Vendor("Tailspin Logistics", "tailspinlogistics.com", false),
            new Vendor("Litware Office Solutions", "litwareoffice.com", false),
            new Vendor("Wingtip Hardware", "wingtiphardware.com", false),
            new Vendor("Proseware Consulting", "proseware.com", false),
            new Vendor("Alpen Büromöbel GmbH", "alpen-bueromoebel.de", true),
            new Vendor("Müller & Söhne Druckerei", "mueller-soehne-druck.de", true));

    static final List<String> EXTERNAL_FIRST = List.of(
            "Daniel",
            "Sophie",
            "Michael",
            "Laura",
            "James",
            "Olga",
            "Pierre",
            "Julia",
            "Ahmed",
            "Sarah",
            "Tim",
            "Kateřina",
            "Rosa",
            "Victor");
    static final List<String> EXTERNAL_LAST = List.of(
            "Turner",
            "Becker",
            "Walsh",
            "Lambert",
            "Hughes",
            "Jovanović",
            "Meyer",
            "Russo",
            "Clarke",
            "Dvořák",
            "Bauer",
            "Evans");
    static final List<String> FREEMAIL = List.of("gmail.com", "outlook.com", "yahoo.com", "proton.me", "gmx.de");

    static final List<String> TOPICS = List.of(
            "Q3 budget review",
            "Hamburg office move",
            "vendor onboarding checklist",
            "SOC 2 audit evidence",
            "pricing page refresh",
            "Lisbon offsite agenda",
            "Kundenportal relaunch",
            "hiring plan for H2",
            "customer escalation – Acme renewal",
            "board deck draft",
            "release 4.2 go/no-go",
            "travel policy update",
            "Zürich partner workshop",
            "support rota for December",
            "data retention policy",
            "new laptop rollout");

    static final List<String> SIGN_OFFS =
            List.of("Thanks,", "Best,", "Cheers,", "Kind regards,", "Thanks a lot,", "Viele Grüße,", "Best regards,");

    private Vocabulary() {}

    /** Folds a name to address letters: accents dropped, anything else but letters and dots removed. */
    static String addressFold(String name) {
        String folded = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        return folded.toLowerCase(java.util.Locale.ROOT).replace(' ', '.').replaceAll("[^a-z0-9.]", "");
    }

    static String externalName(Dice dice) {
        return dice.pick(EXTERNAL_FIRST) + " " + dice.pick(EXTERNAL_LAST);
    }

    /** A North American toll-free number, as callback scams print them. */
    static String tollFreeNumber(Dice dice) {
        return "+1 (8" + dice.pick("00", "33", "44", "55", "66", "77", "88") + ") " + dice.digits(3) + "-"
                + dice.digits(4);
    }

    /** An IP from the documentation ranges (RFC 5737), so that no real host is named. */
    static String documentationIp(Dice dice) {
        return dice.pick("192.0.2.", "198.51.100.", "203.0.113.") + dice.between(2, 254);
    }

    static String money(Dice dice, int low, int high) {
        int amount = dice.between(low, high);
        return String.format("%,d.%02d", amount, dice.between(0, 99));
    }
}
