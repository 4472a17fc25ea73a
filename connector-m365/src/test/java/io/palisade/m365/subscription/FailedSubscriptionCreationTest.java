package io.palisade.m365.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.OnboardedTenant;
import io.palisade.m365.SharedSimulator;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.simulator.control.SimMailbox;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A subscription Graph refuses to create (the mailbox's quota of 1,000 subscriptions, counting every application's,
 * is full) is kept with its error, counted as a problem, and created by the renewal job once the quota frees, trying
 * less often after each refusal.
 */
class FailedSubscriptionCreationTest extends M365IntegrationTest {

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    SubscriptionStore store;

    @Autowired
    SubscriptionRenewal renewal;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCreationRefusedForQuotaIsKeptAndRetriedWithBackoffUntilTheQuotaFrees() throws Exception {
        OnboardedTenant tenant = OnboardedTenant.create("quota.example", null, onboarding, mailboxes);
        UUID tenantId = tenant.tenant().getId();
        SimMailbox dave = SharedSimulator.control().createMailbox(tenant.sim().tenantId(), "dave", "Dave Quinn");
        SharedSimulator.control().addForeignSubscriptions(tenant.sim().tenantId(), dave.id(), 1_000);
        String resource = "/users/" + dave.id() + "/messages";

        onboarding.refresh(tenant.tenant());

        assertThat(mailboxes
                        .findByTenantIdAndProviderAndProviderMailboxId(tenantId, Provider.M365, dave.id())
                        .orElseThrow()
                        .getStatus())
                .isEqualTo(MailboxStatus.ACTIVE);
        Map<String, Object> refused = refusedCreation(tenantId, resource);
        assertThat((String) refused.get("last_error")).contains("403").contains("limit of 1000");
        assertThat(refused.get("attempts")).isEqualTo(1);
        assertThat(store.problems(tenantId))
                .singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo("CREATE_FAILED"));
        assertThat(waitAfter(refused)).isEqualTo(Duration.ofMinutes(10));

        renewal.renewDue();
        assertThat(refusedCreation(tenantId, resource).get("attempts"))
                .as("not tried again before its wait is over")
                .isEqualTo(1);

        makeDue(tenantId, resource);
        renewal.renewDue();
        Map<String, Object> again = refusedCreation(tenantId, resource);
        assertThat(again.get("attempts")).isEqualTo(2);
        assertThat(waitAfter(again)).isEqualTo(Duration.ofMinutes(20));

        SharedSimulator.control().removeForeignSubscriptions(tenant.sim().tenantId(), dave.id());
        makeDue(tenantId, resource);
        renewal.renewDue();

        assertThat(store.findByTenant(tenantId))
                .filteredOn(r -> r.resource().equals(resource))
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(SubscriptionRecord.Status.ACTIVE));
        assertThat(store.problems(tenantId)).isEmpty();
        assertThat(SharedSimulator.control().subscriptions(tenant.sim().tenantId()))
                .anySatisfy(s -> assertThat(s.path("resource").asString()).isEqualTo(resource));
    }

    private Map<String, Object> refusedCreation(UUID tenantId, String resource) {
        return jdbc.queryForMap(
                "SELECT subscription_id, last_error, attempts, updated_at, next_attempt_at FROM m365_subscriptions"
                        + " WHERE tenant_id = ? AND resource = ? AND status = 'CREATE_FAILED'",
                tenantId,
                resource);
    }

    private static Duration waitAfter(Map<String, Object> row) {
        return Duration.between(instant(row.get("updated_at")), instant(row.get("next_attempt_at")));
    }

    private static Instant instant(Object timestamp) {
        return ((java.sql.Timestamp) timestamp).toInstant();
    }

    /** Time passing: the refused creation's wait is over. */
    private void makeDue(UUID tenantId, String resource) {
        jdbc.update(
                "UPDATE m365_subscriptions SET next_attempt_at = now() - interval '1 second'"
                        + " WHERE tenant_id = ? AND resource = ? AND status = 'CREATE_FAILED'",
                tenantId,
                resource);
    }
}
