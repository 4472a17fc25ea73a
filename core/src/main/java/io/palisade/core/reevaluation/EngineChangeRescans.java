package io.palisade.core.reevaluation;

import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import io.palisade.detection.engine.DefaultScanner;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Re-scans each tenant's recent mail once when the detection engine changed: a new release, rule pack or detection
 * configuration gives the scanner another {@link DefaultScanner#engineVersion()}. At start-up every active tenant's
 * recorded version is compared with the running one; where it differs, the re-scan is scheduled through
 * {@link RescanService} (recent mail within {@code palisade.rescan.window}, spread at
 * {@code palisade.rescan.per-second}) with the new version as its reason, so each new verdict version says what
 * caused it. Instances starting together agree through the row update: only the one that changes the row schedules,
 * and scheduling twice would add nothing anyway. A tenant with no recorded version (connected since the last
 * start) is recorded without a re-scan, as its mail was scanned by the running engine.
 */
@Component
public class EngineChangeRescans {

    /** The audit actor of these re-scans. */
    public static final String ACTOR = "engine-change";

    private static final Logger LOG = LoggerFactory.getLogger(EngineChangeRescans.class);

    private final JdbcTemplate jdbc;
    private final TenantService tenants;
    private final RescanService rescans;
    private final DefaultScanner scanner;
    private final Clock clock;
    private final boolean enabled;
    private final Duration window;
    private final int perSecond;

    public EngineChangeRescans(
            JdbcTemplate jdbc,
            TenantService tenants,
            RescanService rescans,
            DefaultScanner scanner,
            Clock clock,
            @Value("${palisade.rescan.on-engine-change:true}") boolean enabled,
            @Value("${palisade.rescan.window:P1D}") Duration window,
            @Value("${palisade.rescan.per-second:20}") int perSecond) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.rescans = rescans;
        this.scanner = scanner;
        this.clock = clock;
        this.enabled = enabled;
        this.window = window;
        this.perSecond = perSecond;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        if (!enabled) {
            LOG.info("event=engine_change_rescans_off");
            return;
        }
        int scheduled = 0;
        for (Tenant tenant : tenants.active()) {
            scheduled += check(tenant.getId());
        }
        LOG.info("event=engine_change_checked engine={} messages_scheduled={}", scanner.engineVersion(), scheduled);
    }

    /**
     * Compares the tenant's recorded engine version with the running one and schedules the re-scan of its recent mail
     * when they differ.
     *
     * @return how many messages were scheduled; 0 when the version is unchanged, was not recorded before, or another
     *     instance recorded the change first
     */
    @Transactional
    public int check(UUID tenantId) {
        String running = scanner.engineVersion();
        Timestamp now = Timestamp.from(clock.instant());
        int recorded = jdbc.update(
                "INSERT INTO tenant_engine_versions (tenant_id, engine_version, updated_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (tenant_id) DO NOTHING",
                tenantId,
                running,
                now);
        if (recorded == 1) {
            return 0;
        }
        int changed = jdbc.update(
                "UPDATE tenant_engine_versions SET engine_version = ?, updated_at = ?"
                        + " WHERE tenant_id = ? AND engine_version <> ?",
                running,
                now,
                tenantId,
                running);
        if (changed == 0) {
            return 0;
        }
        return rescans.scheduleRecent(tenantId, window, reason(running), perSecond, ACTOR);
    }

    /** The re-scan's reason, at most 200 characters as {@link RescanService} takes it. */
    static String reason(String engineVersion) {
        String reason = "engine changed: " + engineVersion;
        return reason.length() <= 200 ? reason : reason.substring(0, 200);
    }
}
