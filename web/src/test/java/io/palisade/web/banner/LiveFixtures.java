package io.palisade.web.banner;

import io.palisade.core.connector.Provider;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.tenant.ProviderConnectionService;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictService;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * Tenants, mailboxes, mail items and verdicts written through core's own services, for tests and benchmarks of the
 * live page that need no mail platform.
 */
public final class LiveFixtures {

    public static final Signal LOOKALIKE = new Signal(
            "LOOKALIKE_BRAND_DOMAIN", "sender", 40, "The sender's domain imitates contoso.com", "contoso.com");
    public static final Signal FIRST_CONTACT = new Signal(
            "FIRST_CONTACT",
            "sender",
            10,
            "This is the first message your organisation receives from this sender at contoso-payroll.com",
            "contoso-payroll.com");

    private final TenantService tenants;
    private final ProviderConnectionService connections;
    private final MailboxRepository mailboxes;
    private final MailItemRepository mailItems;
    private final VerdictService verdicts;

    public LiveFixtures(ApplicationContext context) {
        this.tenants = context.getBean(TenantService.class);
        this.connections = context.getBean(ProviderConnectionService.class);
        this.mailboxes = context.getBean(MailboxRepository.class);
        this.mailItems = context.getBean(MailItemRepository.class);
        this.verdicts = context.getBean(VerdictService.class);
    }

    /** A new tenant with one M365 connection. */
    public Tenant tenant(String name) {
        return tenants.create(name);
    }

    /** A new mailbox of the tenant. */
    public Mailbox mailbox(Tenant tenant, String localPart) {
        UUID connection = connections
                .connect(tenant.getId(), Provider.M365, "ext-" + UUID.randomUUID())
                .getId();
        return mailboxes.save(new Mailbox(
                tenant.getId(),
                connection,
                Provider.M365,
                "user-" + UUID.randomUUID(),
                localPart + "@fabrikam.example",
                localPart,
                Instant.now()));
    }

    /** A mail item in the mailbox, a copy of the message {@code internetMessageId}. */
    public MailItem item(Mailbox mailbox, String internetMessageId) {
        return mailItems.save(new MailItem(
                mailbox.getTenantId(),
                mailbox.getId(),
                Provider.M365,
                "msg-" + UUID.randomUUID(),
                null,
                internetMessageId,
                "dana@contoso-payroll.com",
                List.of(mailbox.getAddress()),
                "Payroll",
                Instant.now(),
                "inbox",
                Instant.now()));
    }

    /** Records a verdict version for the item, as a scan would (committed when this returns). */
    public void verdict(MailItem item, RiskLevel level, Signal... signals) {
        verdicts.record(
                item.getTenantId(),
                item.getId(),
                new Verdict(score(level), level, List.of(signals), "test"),
                VerdictCause.RESCAN,
                "test");
    }

    private static int score(RiskLevel level) {
        return switch (level) {
            case CLEAN -> 0;
            case LOW -> 20;
            case SUSPICIOUS -> 50;
            case HIGH -> 75;
            case MALICIOUS -> 100;
        };
    }
}
