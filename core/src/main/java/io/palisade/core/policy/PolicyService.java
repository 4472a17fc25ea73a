package io.palisade.core.policy;

import io.palisade.core.audit.AuditLog;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores tenants' policies as versions: an edit adds a version, nothing is overwritten, so what was in force at
 * any time can be read back. A tenant that never saved a policy gets {@link PolicyDocument#defaults()}.
 */
@Service
public class PolicyService {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final RowMapper<TenantPolicy> mapper = (rs, n) -> new TenantPolicy(
            rs.getObject("tenant_id", UUID.class),
            rs.getInt("version"),
            JSON.readValue(rs.getString("document"), PolicyDocument.class),
            rs.getString("created_by"),
            rs.getTimestamp("created_at").toInstant());

    public PolicyService(JdbcTemplate jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** The policy in force: the highest stored version, or the default (version 0). */
    @Transactional(readOnly = true)
    public TenantPolicy current(UUID tenantId) {
        return stored(tenantId)
                .orElseGet(() -> new TenantPolicy(tenantId, 0, PolicyDocument.defaults(), "default", null));
    }

    /** Every stored version, newest first. */
    @Transactional(readOnly = true)
    public List<TenantPolicy> history(UUID tenantId) {
        return jdbc.query("SELECT * FROM tenant_policies WHERE tenant_id = ? ORDER BY version DESC", mapper, tenantId);
    }

    /**
     * Saves a new version.
     *
     * @param expectedVersion the version the editor started from; null to skip the check
     * @throws IllegalArgumentException when the document is invalid (the message lists every problem)
     * @throws PolicyConflictException when another edit came first
     */
    @Transactional
    public TenantPolicy save(UUID tenantId, PolicyDocument document, Integer expectedVersion, String actor) {
        List<String> problems = document.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid policy: " + String.join("; ", problems));
        }
        int current = current(tenantId).version();
        if (expectedVersion != null && expectedVersion != current) {
            throw new PolicyConflictException(
                    "policy is at version " + current + ", the edit was based on version " + expectedVersion);
        }
        Instant now = clock.instant();
        try {
            jdbc.update(
                    "INSERT INTO tenant_policies (id, tenant_id, version, document, created_by, created_at)"
                            + " VALUES (?, ?, ?, ?::jsonb, ?, ?)",
                    UUID.randomUUID(),
                    tenantId,
                    current + 1,
                    JSON.writeValueAsString(document),
                    actor,
                    Timestamp.from(now));
        } catch (DuplicateKeyException e) {
            throw new PolicyConflictException("another edit saved version " + (current + 1) + " first");
        }
        audit.record(tenantId, actor, "policy.saved", "policy:" + (current + 1), "mode " + document.mode());
        LOG.info("event=policy_saved tenant={} version={} mode={}", tenantId, current + 1, document.mode());
        return new TenantPolicy(tenantId, current + 1, document, actor, now);
    }

    private Optional<TenantPolicy> stored(UUID tenantId) {
        return jdbc
                .query(
                        "SELECT * FROM tenant_policies WHERE tenant_id = ? ORDER BY version DESC LIMIT 1",
                        mapper,
                        tenantId)
                .stream()
                .findFirst();
    }
}
