package io.palisade.simulator.cli;

import io.palisade.simulator.control.SimGoogleDomain;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.control.SimulatorClient;
import io.palisade.simulator.traffic.Delivery;
import io.palisade.simulator.traffic.MailMessage;
import io.palisade.simulator.traffic.Mailbox;
import io.palisade.simulator.traffic.MailboxDirectory;
import io.palisade.simulator.traffic.ReceivingPlatform;
import io.palisade.simulator.traffic.TrafficGenerator;
import io.palisade.simulator.traffic.TrafficPump;
import io.palisade.simulator.traffic.TrafficSettings;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code --demo} world: a Microsoft 365 tenant and a Google Workspace domain of {@value #MAILBOXES} mailboxes
 * each, populated through the control API as a test would, and a traffic generator per side delivering a steady
 * stream of mixed mail (and Teams posts on the Microsoft side) from now on.
 */
final class Demo implements AutoCloseable {

    static final int MAILBOXES = 50;
    static final String M365_DOMAIN = "contoso-demo.onmicrosoft.com";
    static final String GOOGLE_DOMAIN = "fabrikam-demo.example";
    /** The Pub/Sub topic the demo's push subscription listens on; the service's watch calls name it. */
    static final String GMAIL_TOPIC = "projects/palisade-demo/topics/gmail";

    private static final int MAX_PER_STEP = 20;
    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

    private final List<TrafficPump> pumps;

    private Demo(List<TrafficPump> pumps) {
        this.pumps = pumps;
    }

    /**
     * Creates both worlds and starts their traffic at {@code perMinute} deliveries a minute each.
     *
     * @param pushEndpoint where Gmail pushes for {@link #GMAIL_TOPIC} go, or null for no push subscription
     */
    static Demo start(SimulatorClient control, long seed, double perMinute, String pushEndpoint, PrintStream out) {
        MailboxDirectory m365 = MailboxDirectory.generated(M365_DOMAIN, ReceivingPlatform.MICROSOFT_365, MAILBOXES);
        SimTenant tenant = control.createTenant(M365_DOMAIN);
        for (Mailbox mailbox : m365.mailboxes()) {
            control.createMailbox(tenant.tenantId(), mailbox.address(), mailbox.displayName());
        }
        MailboxDirectory gws = MailboxDirectory.generated(GOOGLE_DOMAIN, ReceivingPlatform.GOOGLE_WORKSPACE, MAILBOXES);
        SimGoogleDomain domain = control.createGoogleDomain(Map.of(
                "domain",
                GOOGLE_DOMAIN,
                "users",
                gws.mailboxes().stream().map(Mailbox::address).toList()));

        if (pushEndpoint != null) {
            control.createPushSubscription(
                    GMAIL_TOPIC, pushEndpoint, "gmail-push@palisade-demo.iam.gserviceaccount.com");
        }
        Clock clock = Clock.systemUTC();
        TrafficSettings settings =
                TrafficSettings.withSeed(seed).withRate(perMinute).startingAt(clock.instant());
        TrafficPump microsoft = new TrafficPump(
                new TrafficGenerator(m365, settings), m365Sink(control, tenant.tenantId()), MAX_PER_STEP);
        TrafficPump google = new TrafficPump(
                new TrafficGenerator(gws, settings.withTeamsShare(0)), gmailSink(control), MAX_PER_STEP);
        microsoft.start(clock);
        google.start(clock);

        out.println("Demo Microsoft 365 tenant " + tenant.domain() + " with " + MAILBOXES + " mailboxes");
        out.println("  tenant id      " + tenant.tenantId());
        out.println("  client id      " + tenant.clientId());
        out.println("  client secret  " + tenant.clientSecret());
        out.println("Demo Google Workspace domain " + domain.domain() + " with " + MAILBOXES + " mailboxes");
        out.println("  service account " + domain.serviceAccount().email());
        out.println("  key file       GET /_sim/google/domains/" + domain.domain() + "/key");
        if (pushEndpoint != null) {
            out.println("  push topic     " + GMAIL_TOPIC + " -> " + pushEndpoint);
        }
        out.println("Traffic: " + perMinute + " deliveries a minute on each side, seed " + seed);
        LOG.info("event=demo_started mailboxes={} per_minute={}", MAILBOXES * 2, perMinute);
        return new Demo(List.of(microsoft, google));
    }

    private static Consumer<Delivery> m365Sink(SimulatorClient control, String tenantId) {
        return delivery -> {
            if (delivery.payload() instanceof MailMessage mail) {
                delivery.plan().recipients().forEach(r -> control.deliver(tenantId, r.address(), mail.mime()));
            } else {
                control.postChatMessage(
                        tenantId, delivery.chat(), delivery.plan().recipients());
            }
        };
    }

    private static Consumer<Delivery> gmailSink(SimulatorClient control) {
        return delivery -> {
            MailMessage mail = delivery.mail();
            delivery.plan().recipients().forEach(r -> control.deliverGmail(r.address(), mail.mime()));
        };
    }

    @Override
    public void close() {
        pumps.forEach(TrafficPump::close);
    }
}
