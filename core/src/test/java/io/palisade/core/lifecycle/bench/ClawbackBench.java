package io.palisade.core.lifecycle.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.campaign.Campaign;
import io.palisade.core.campaign.CampaignService;
import io.palisade.core.connector.Provider;
import io.palisade.core.pipeline.AnalystVerdicts;
import io.palisade.core.tenant.ProviderConnectionService;
import io.palisade.core.tenant.TenantService;
import io.palisade.detection.api.RiskLevel;
import io.palisade.lifecycle.LifecyclePlatform;
import io.palisade.lifecycle.LifecycleTestApplication;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Measures clawbacks end to end (analyst's verdict on a campaign until the last copy is in quarantine) against the
 * in-memory platform with a fixed latency per call, as the simulator's 50 ms per Graph call. Not a test: run with
 * {@code ./mvnw -o -q verify -pl core -Dtest=ClawbackBench -Dsurefire.failIfNoSpecifiedTests=false
 * -Dpalisade.lifecycle.skip=true -Dpalisade.bench=true}; figures go to standard output. It checks that every copy
 * moved exactly once. Sizes: {@code -Dpalisade.bench.copies} (10,000), {@code -Dpalisade.bench.rounds} (20
 * campaigns of 100), {@code -Dpalisade.bench.latency} (50 ms), workers with {@code -Dpalisade.bench.workers}. The
 * workers poll at the default 200 ms and are woken when a chunk of the verdict commits.
 */
@EnabledIfSystemProperty(named = "palisade.bench", matches = "true")
@SpringBootTest(
        classes = LifecycleTestApplication.class,
        properties = {
            "palisade.workers.threads=${palisade.bench.workers:64}",
            "palisade.queue.backoff-base=100ms",
            "palisade.queue.backoff-cap=2s",
            "spring.datasource.hikari.maximum-pool-size=24"
        })
class ClawbackBench {

    static final int COPIES = Integer.getInteger("palisade.bench.copies", 10_000);
    static final int ROUNDS = Integer.getInteger("palisade.bench.rounds", 20);
    static final long LATENCY = Long.getLong("palisade.bench.latency", 50);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TenantService tenants;

    @Autowired
    ProviderConnectionService connections;

    @Autowired
    LifecyclePlatform platform;

    @Autowired
    CampaignService campaigns;

    @Autowired
    AnalystVerdicts analysts;

    @Test
    void clawsBackLargeAndSmallCampaigns() throws Exception {
        platform.latency(LATENCY);
        long[] small = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            small[i] = clawBack(100);
        }
        Arrays.sort(small);
        System.out.printf(
                "clawback 100 copies x %d campaigns, %d ms per call: p50 %d ms, p95 %d ms, max %d ms%n",
                ROUNDS, LATENCY, small[ROUNDS / 2], small[(int) Math.ceil(ROUNDS * 0.95) - 1], small[ROUNDS - 1]);

        long large = clawBack(COPIES);
        System.out.printf(
                "clawback %d copies in %d mailboxes, %d ms per call: %d ms (%.0f copies/s)%n",
                COPIES, COPIES, LATENCY, large, COPIES * 1000.0 / large);
    }

    /** One campaign of {@code copies} copies, one per mailbox; returns milliseconds to the last copy moved. */
    private long clawBack(int copies) {
        String internetMessageId = "<" + UUID.randomUUID() + "@bench.example>";
        UUID tenantId = tenants.create("Bench " + UUID.randomUUID()).getId();
        UUID connection = connections
                .connect(tenantId, Provider.M365, "bench-" + UUID.randomUUID())
                .getId();
        List<String> keys = new ArrayList<>();
        UUID seed = seed(tenantId, connection, internetMessageId, copies, keys);
        Campaign campaign = campaigns.formAround(tenantId, seed);

        long start = System.nanoTime();
        analysts.decideCampaign(tenantId, campaign.id(), RiskLevel.MALICIOUS, "bench", "bench");
        await().atMost(Duration.ofMinutes(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> keys.stream()
                        .allMatch(k -> "quarantine".equals(platform.byKey(k).folder())));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(keys).allSatisfy(k -> assertThat(platform.movesOf(k)).isEqualTo(1));
        return millis;
    }

    private UUID seed(UUID tenantId, UUID connection, String internetMessageId, int copies, List<String> keys) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> mailboxes = new ArrayList<>();
        List<Object[]> items = new ArrayList<>();
        List<Object[]> verdicts = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            UUID mailbox = UUID.randomUUID();
            UUID item = UUID.randomUUID();
            String user = "user-" + i + "-" + mailbox;
            String key = platform.deliver(tenantId, user, "inbox", internetMessageId, new byte[0]);
            keys.add(key);
            mailboxes.add(new Object[] {mailbox, tenantId, connection, user, user + "@bench.example", now});
            items.add(new Object[] {item, tenantId, mailbox, key, internetMessageId, now, now});
            verdicts.add(new Object[] {UUID.randomUUID(), tenantId, item, now});
        }
        jdbc.batchUpdate(
                "INSERT INTO mailboxes (id, tenant_id, connection_id, provider, provider_mailbox_id, address, status,"
                        + " created_at) VALUES (?, ?, ?, 'M365', ?, ?, 'ACTIVE', ?)",
                mailboxes);
        jdbc.batchUpdate(
                "INSERT INTO mail_items (id, tenant_id, mailbox_id, provider, provider_message_id, internet_message_id,"
                        + " sender, subject, received_at, folder, created_at)"
                        + " VALUES (?, ?, ?, 'M365', ?, ?, 'x@bench.example', 'bench', ?, 'inbox', ?)",
                items);
        jdbc.batchUpdate(
                "INSERT INTO verdicts (id, tenant_id, mail_item_id, version, score, level, signals, engine_version,"
                        + " cause, created_at) VALUES (?, ?, ?, 1, 10, 'LOW', '[]', 'bench', 'SCAN', ?)",
                verdicts);
        return (UUID) items.getFirst()[0];
    }
}
