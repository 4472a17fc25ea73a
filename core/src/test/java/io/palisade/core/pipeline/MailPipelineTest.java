package io.palisade.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.action.ActionKind;
import io.palisade.core.action.ActionStatus;
import io.palisade.core.action.MailAction;
import io.palisade.core.action.MailActionRepository;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.connector.Provider;
import io.palisade.core.mail.IndicatorKind;
import io.palisade.core.mail.MailIndicator;
import io.palisade.core.mail.MailIndicatorRepository;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.tenant.ProviderConnection;
import io.palisade.core.tenant.ProviderConnectionService;
import io.palisade.core.tenant.TenantService;
import io.palisade.detection.api.RiskLevel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.PageRequest;

@SpringBootTest(properties = {"palisade.workers.idle-poll=20ms"})
class MailPipelineTest {

    static final String PHISH = """
            From: "Dana Whitfield" <dana.whitfield@gmail-secure-login.com>
            To: pat@contoso.example
            Subject: Urgent: wire transfer before 3pm
            Message-ID: <phish-%s@gmail-secure-login.com>
            Date: Tue, 01 Dec 2026 09:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/html; charset=utf-8

            <p>Please process this today and keep it confidential.</p>
            <p><a href="http://198.51.100.7/contoso-login/verify">https://login.contoso.example/verify</a></p>
            """;

    static final String NEWSLETTER = """
            From: "Contoso Facilities" <facilities@contoso.example>
            To: pat@contoso.example
            Subject: Parking garage closed on Friday
            Message-ID: <facilities-%s@contoso.example>
            Date: Tue, 01 Dec 2026 09:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            The parking garage is closed on Friday for cleaning. Please use the visitor lot.
            """;

    @Autowired
    MailIngestService ingest;

    @Autowired
    AnalystVerdicts analystVerdicts;

    @Autowired
    TenantService tenants;

    @Autowired
    ProviderConnectionService connections;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    MailItemRepository mailItems;

    @Autowired
    MailIndicatorRepository indicators;

    @Autowired
    MailActionRepository actions;

    @Autowired
    AuditLog audit;

    @Autowired
    FakeMailboxConnector platform;

    private UUID tenantId;
    private Mailbox pat;

    @BeforeEach
    void tenantWithTwoMailboxes() {
        tenantId = tenants.create("Contoso " + UUID.randomUUID()).getId();
        ProviderConnection connection =
                connections.connect(tenantId, Provider.M365, UUID.randomUUID().toString());
        pat = mailboxes.save(new Mailbox(
                tenantId,
                connection.getId(),
                Provider.M365,
                "user-pat",
                "pat@contoso.example",
                "Pat Lee",
                Instant.now()));
        mailboxes.save(new Mailbox(
                tenantId,
                connection.getId(),
                Provider.M365,
                "user-dana",
                "dana.whitfield@contoso.example",
                "Dana Whitfield",
                Instant.now()));
    }

    @Test
    void storesVerdictIndicatorsAndABannerActionForAnImpersonatingMessage() {
        IngestOutcome outcome = deliverAndIngest(PHISH);

        assertThat(outcome.level()).isGreaterThanOrEqualTo(RiskLevel.SUSPICIOUS);
        List<MailIndicator> carried = indicators.findByTenantIdAndMailItemId(tenantId, outcome.mailItemId());
        assertThat(carried)
                .extracting(MailIndicator::getKind, MailIndicator::getValue)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                IndicatorKind.SENDER, "dana.whitfield@gmail-secure-login.com"),
                        org.assertj.core.groups.Tuple.tuple(
                                IndicatorKind.URL, "http://198.51.100.7/contoso-login/verify"));
        assertThat(actionKinds(outcome.mailItemId())).isNotEmpty();
    }

    @Test
    void takesNoActionOnOrdinaryInternalMail() {
        IngestOutcome outcome = deliverAndIngest(NEWSLETTER);

        assertThat(outcome.level()).isLessThan(RiskLevel.SUSPICIOUS);
        assertThat(actionKinds(outcome.mailItemId())).isEmpty();
    }

    @Test
    void ingestingTheSameCopyTwiceScansAndActsOnce() {
        String mime = PHISH.formatted(UUID.randomUUID());
        String id = platform.deliver("user-pat", "inbox", mime.getBytes(StandardCharsets.UTF_8));
        IngestRequest request = request(id, mime);

        IngestOutcome first = ingest.ingest(request);
        IngestOutcome second = ingest.ingest(request);

        assertThat(second.alreadyKnown()).isTrue();
        assertThat(second.mailItemId()).isEqualTo(first.mailItemId());
        assertThat(actions.findByTenantIdAndMailItemIdOrderByCreatedAt(tenantId, first.mailItemId()))
                .hasSize(actionKinds(first.mailItemId()).size());
    }

    @Test
    void twoWorkersIngestingTheSameCopyAtOnceStoreAndScanItOnce() throws Exception {
        String mime = PHISH.formatted(UUID.randomUUID());
        String id = platform.deliver("user-pat", "inbox", mime.getBytes(StandardCharsets.UTF_8));
        IngestRequest request = request(id, mime);
        CountDownLatch start = new CountDownLatch(1);

        List<IngestOutcome> outcomes;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<IngestOutcome>> running = List.of(
                    pool.submit(() -> {
                        start.await();
                        return ingest.ingest(request);
                    }),
                    pool.submit(() -> {
                        start.await();
                        return ingest.ingest(request);
                    }));
            start.countDown();
            outcomes = List.of(running.get(0).get(), running.get(1).get());
        }

        assertThat(outcomes)
                .extracting(IngestOutcome::mailItemId)
                .containsOnly(outcomes.getFirst().mailItemId());
        assertThat(outcomes).extracting(IngestOutcome::alreadyKnown).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void recognisesALateNotificationForTheIdAMessageHadBeforeWeQuarantinedIt() {
        String mime = NEWSLETTER.formatted(UUID.randomUUID());
        String oldId = platform.deliver("user-pat", "inbox", mime.getBytes(StandardCharsets.UTF_8));
        IngestOutcome first = ingest.ingest(request(oldId, mime));
        analystVerdicts.decide(tenantId, first.mailItemId(), RiskLevel.MALICIOUS, "analyst@contoso.example", "phish");
        await().atMost(Duration.ofSeconds(20)).until(() -> quarantineStatus(first.mailItemId()) == ActionStatus.DONE);

        IngestOutcome late = ingest.ingest(request(oldId, mime));

        assertThat(late.alreadyKnown()).isTrue();
        assertThat(late.mailItemId()).isEqualTo(first.mailItemId());
        assertThat(late.level()).isEqualTo(RiskLevel.MALICIOUS);
    }

    @Test
    void analystsMaliciousVerdictQuarantinesTheMessageAndIsAudited() {
        IngestOutcome outcome = deliverAndIngest(NEWSLETTER);

        analystVerdicts.decide(
                tenantId, outcome.mailItemId(), RiskLevel.MALICIOUS, "analyst@contoso.example", "reported by the CFO");

        await().atMost(Duration.ofSeconds(20)).until(() -> quarantineStatus(outcome.mailItemId()) == ActionStatus.DONE);
        MailItem item =
                mailItems.findByTenantIdAndId(tenantId, outcome.mailItemId()).orElseThrow();
        assertThat(item.getFolder()).isEqualTo(ActionRunner.QUARANTINE_FOLDER);
        assertThat(platform.get(item.getProviderMessageId()).folder()).isEqualTo("quarantine");
        assertThat(audit.recent(tenantId, PageRequest.of(0, 10))).anySatisfy(entry -> {
            assertThat(entry.getActor()).isEqualTo("analyst@contoso.example");
            assertThat(entry.getAction()).isEqualTo("verdict.set");
            assertThat(entry.getReason()).contains("reported by the CFO");
        });
    }

    private IngestOutcome deliverAndIngest(String template) {
        String mime = template.formatted(UUID.randomUUID());
        String id = platform.deliver("user-pat", "inbox", mime.getBytes(StandardCharsets.UTF_8));
        return ingest.ingest(request(id, mime));
    }

    private IngestRequest request(String providerId, String mime) {
        return new IngestRequest(
                tenantId, pat.getId(), providerId, "inbox", Instant.now(), mime.getBytes(StandardCharsets.UTF_8));
    }

    private List<ActionKind> actionKinds(UUID mailItemId) {
        return actions.findByTenantIdAndMailItemIdOrderByCreatedAt(tenantId, mailItemId).stream()
                .map(MailAction::getKind)
                .toList();
    }

    private ActionStatus quarantineStatus(UUID mailItemId) {
        return actions.findByTenantIdAndMailItemIdOrderByCreatedAt(tenantId, mailItemId).stream()
                .filter(a -> a.getKind() == ActionKind.QUARANTINE)
                .map(MailAction::getStatus)
                .findFirst()
                .orElse(null);
    }

    @TestConfiguration
    static class Platform {
        @Bean
        FakeMailboxConnector fakeMailboxConnector() {
            return new FakeMailboxConnector();
        }
    }
}
