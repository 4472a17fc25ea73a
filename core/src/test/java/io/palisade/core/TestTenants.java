package io.palisade.core;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Creates tenants straight in the database, for tests of tables that need one. */
public final class TestTenants {

    private TestTenants() {}

    /** A new active tenant's id. */
    public static UUID create(JdbcTemplate jdbc) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO tenants (tenant_id, name, status, created_at) VALUES (?, ?, 'ACTIVE', ?)",
                id,
                "tenant " + id,
                Timestamp.from(Instant.now()));
        return id;
    }
}
