package io.palisade.m365.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.connector.MessageRef;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.OnboardedTenant;
import io.palisade.m365.SharedSimulator;
import io.palisade.m365.mail.M365MailboxConnector;
import io.palisade.m365.onboarding.M365Onboarding;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The tenant's kept Graph token against the simulator: when Graph refuses it as expired (the simulated clock moved
 * past its hour while Palisade's did not), the call goes through with a new token instead of failing.
 */
class GraphTokenReuseTest extends M365IntegrationTest {

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    M365MailboxConnector connector;

    @Test
    void aCallAfterTheKeptTokenExpiredOnGraphsClockStillSucceeds() throws Exception {
        OnboardedTenant tenant = OnboardedTenant.create("token-reuse.example", null, onboarding, mailboxes);
        MessageRef first = deliver(tenant);
        assertThat(connector.fetchMime(first)).isNotEmpty();

        SharedSimulator.control().advanceClock(Duration.ofMinutes(61));

        assertThat(new String(connector.fetchMime(deliver(tenant)), StandardCharsets.UTF_8))
                .contains("Stock levels");
    }

    private static MessageRef deliver(OnboardedTenant into) {
        String mime = """
                From: "Erin Brooks" <erin.brooks@fabrikam.example>
                To: alice@token-reuse.example
                Subject: Stock levels
                Message-ID: <%s@fabrikam.example>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                The stock levels are as expected.
                """.formatted(UUID.randomUUID()).replace("\n", "\r\n");
        String id = SharedSimulator.control()
                .deliver(into.sim().tenantId(), into.alice().id(), mime.getBytes(StandardCharsets.UTF_8))
                .id();
        return new MessageRef(into.tenant().getId(), into.alice().id(), id);
    }
}
