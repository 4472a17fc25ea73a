package io.palisade.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.connector.Provider;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.pipeline.IngestRequest;
import io.palisade.core.pipeline.MailIngestService;
import io.palisade.core.tenant.ProviderConnection;
import io.palisade.core.tenant.ProviderConnectionService;
import io.palisade.core.tenant.TenantService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Tenants with mailboxes, and messages delivered to the in-memory platform and ingested through the pipeline. */
@Component
public class LifecycleFixtures {

    /** An ordinary message (detection rates it clean or low) with one external link. */
    public static final String ORDINARY = """
            From: "Billing" <billing@fabrikam-invoices.example>
            To: staff@contoso.example
            Subject: Your invoice %s for December
            Message-ID: <%s>
            Date: Thu, 03 Dec 2026 09:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Hello, your invoice for December is ready. You can read it at
            https://invoices.fabrikam-invoices.example/view/%s
            Kind regards, the billing team
            """;

    private final TenantService tenants;
    private final ProviderConnectionService connections;
    private final MailboxRepository mailboxes;
    private final MailItemRepository mailItems;
    private final MailIngestService ingest;
    private final LifecyclePlatform platform;
    private final JdbcTemplate jdbc;

    public LifecycleFixtures(
            TenantService tenants,
            ProviderConnectionService connections,
            MailboxRepository mailboxes,
            MailItemRepository mailItems,
            MailIngestService ingest,
            LifecyclePlatform platform,
            JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.connections = connections;
        this.mailboxes = mailboxes;
        this.mailItems = mailItems;
        this.ingest = ingest;
        this.platform = platform;
    }

    /** A delivered copy: the platform's stable key and the mail item. */
    public record Copy(String key, UUID mailItemId, String folder) {}

    /** A tenant with {@code count} mailboxes. */
    public List<Mailbox> tenantWithMailboxes(int count) {
        UUID tenantId = tenants.create("Contoso " + UUID.randomUUID()).getId();
        ProviderConnection connection = connections.connect(tenantId, Provider.M365, "entra-" + UUID.randomUUID());
        List<Mailbox> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String user = "user" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            created.add(mailboxes.save(new Mailbox(
                    tenantId,
                    connection.getId(),
                    Provider.M365,
                    user,
                    user + "@contoso.example",
                    "User " + i,
                    Instant.now())));
        }
        return created;
    }

    /** A new internet message id. */
    public static String messageId() {
        return UUID.randomUUID() + "@fabrikam-invoices.example";
    }

    /** The ORDINARY message with this id. */
    public static byte[] ordinary(String internetMessageId) {
        String token = internetMessageId.substring(0, 8);
        return ORDINARY.formatted(token, internetMessageId, token)
                .replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Delivers {@code mime} to the mailbox's folder and ingests it as received at {@code receivedAt}. */
    public Copy deliver(Mailbox mailbox, String folder, String internetMessageId, byte[] mime, Instant receivedAt) {
        String key = platform.deliver(
                mailbox.getTenantId(), mailbox.getProviderMailboxId(), folder, "<" + internetMessageId + ">", mime);
        var outcome =
                ingest.ingest(new IngestRequest(mailbox.getTenantId(), mailbox.getId(), key, folder, receivedAt, mime));
        return new Copy(key, outcome.mailItemId(), folder);
    }

    /** Delivers the ORDINARY message with this id to every mailbox, alternating between two folders. */
    public List<Copy> deliverToAll(List<Mailbox> to, String internetMessageId) {
        List<Copy> copies = new ArrayList<>();
        for (int i = 0; i < to.size(); i++) {
            String folder = i % 2 == 0 ? "inbox" : "projects";
            copies.add(deliver(to.get(i), folder, internetMessageId, ordinary(internetMessageId), Instant.now()));
        }
        return copies;
    }

    /** Puts a copy on the platform only, as if Palisade had missed its notification. */
    public String deliverUnseen(Mailbox mailbox, String internetMessageId) {
        return platform.deliver(
                mailbox.getTenantId(),
                mailbox.getProviderMailboxId(),
                "inbox",
                "<" + internetMessageId + ">",
                ordinary(internetMessageId));
    }

    /**
     * Waits until the tenant has exactly {@code count} work items of {@code kind} and every one is done: a check that
     * something did not happen is made after the work that could have done it, never after a pause.
     */
    public void awaitWorkDone(UUID tenantId, String kind, int count) {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(jdbc.queryForList(
                                "SELECT state FROM work_items WHERE tenant_id = ? AND kind = ?",
                                String.class,
                                tenantId,
                                kind))
                        .hasSize(count)
                        .allMatch("DONE"::equals));
    }

    public MailItem item(UUID tenantId, UUID mailItemId) {
        return mailItems.findByTenantIdAndId(tenantId, mailItemId).orElseThrow();
    }
}
