package io.palisade.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.reevaluation.RescanHandler;
import io.palisade.core.tenant.ProviderConnection;
import io.palisade.core.tenant.ProviderConnectionService;
import io.palisade.core.tenant.TenantService;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A scan that runs out of its time budget (here a budget no scan can meet) keeps its verdict and is scanned once
 * more a little later, once per message however often the copy is ingested.
 */
@SpringBootTest(properties = {"palisade.pipeline.scan-time-budget=1ns", "palisade.workers.enabled=false"})
@Import(MailPipelineTest.Platform.class)
class IncompleteScanTest {

    static final String MESSAGE = """
            From: "Dana Whitfield" <dana.whitfield@fabrikam.example>
            To: pat@contoso.example
            Subject: Board pack
            Message-ID: <board-%s@fabrikam.example>
            Date: Tue, 01 Dec 2026 09:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            The board pack for Thursday is in the shared folder.
            """;

    @Autowired
    MailIngestService ingest;

    @Autowired
    TenantService tenants;

    @Autowired
    ProviderConnectionService connections;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    FakeMailboxConnector platform;

    @Autowired
    JdbcTemplate jdbc;

    private UUID tenantId;
    private Mailbox pat;

    @BeforeEach
    void tenantWithAMailbox() {
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
    }

    @Test
    void aScanThatRanOutOfTimeIsScannedOnceMoreLater() {
        Instant before = Instant.now();
        String mime = MESSAGE.formatted(UUID.randomUUID());
        String id = platform.deliver("user-pat", "inbox", mime.getBytes(StandardCharsets.UTF_8));
        IngestRequest request = new IngestRequest(
                tenantId, pat.getId(), id, "inbox", Instant.now(), mime.getBytes(StandardCharsets.UTF_8));

        IngestOutcome outcome = ingest.ingest(request);
        ingest.ingest(request);

        assertThat(jdbc.queryForObject(
                        "SELECT signals::text FROM verdicts WHERE tenant_id = ? AND mail_item_id = ?",
                        String.class,
                        tenantId,
                        outcome.mailItemId()))
                .contains("LIMIT_TIME_BUDGET");
        List<Timestamp> rescans = jdbc.queryForList(
                "SELECT run_at FROM work_items WHERE tenant_id = ? AND kind = ? AND payload::text LIKE ?",
                Timestamp.class,
                tenantId,
                RescanHandler.KIND,
                "%" + outcome.mailItemId() + "%");
        assertThat(rescans)
                .singleElement()
                .satisfies(runAt -> assertThat(runAt.toInstant()).isAfter(before.plus(Duration.ofMinutes(1))));
    }
}
