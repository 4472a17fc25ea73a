package io.palisade.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code --demo}: both worlds exist with 50 mailboxes each, and mail flows into both. */
class DemoTest {

    @RegisterExtension
    static SimulatorExtension sim = new SimulatorExtension();

    @Test
    void createsATenantAndADomainOfFiftyMailboxesAndDeliversMailToBoth() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (Demo demo = Demo.start(
                sim.control(),
                5,
                1200,
                "http://127.0.0.1:9/push",
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            SimTenant tenant = sim.control().tenants().getFirst();
            var domain = sim.control().googleDomains().getFirst();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int gmail = 0;
            int m365 = 0;
            while ((gmail == 0 || m365 == 0) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(200);
                gmail = domain.mailboxes().stream()
                        .mapToInt(a ->
                                sim.control().gmailMailbox(a).get("messages").size())
                        .sum();
                m365 = sim.control().mailboxes(tenant.tenantId()).stream()
                        .mapToInt(m -> sim.control()
                                .mailbox(tenant.tenantId(), m.id())
                                .allMessages()
                                .size())
                        .sum();
            }

            assertThat(tenant.domain()).isEqualTo(Demo.M365_DOMAIN);
            assertThat(tenant.mailboxCount()).isEqualTo(Demo.MAILBOXES);
            assertThat(domain.mailboxes()).hasSize(Demo.MAILBOXES);
            assertThat(gmail).isPositive();
            assertThat(m365).isPositive();
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains(tenant.clientSecret())
                    .contains(domain.serviceAccount().email())
                    .contains(Demo.GMAIL_TOPIC + " -> http://127.0.0.1:9/push");
        }
    }
}
