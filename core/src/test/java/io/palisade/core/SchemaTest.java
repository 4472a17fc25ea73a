package io.palisade.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Guards the schema rules every future migration must keep. */
@SpringBootTest
class SchemaTest {

    @Autowired
    JdbcTemplate jdbc;

    private List<String> domainTables() {
        return jdbc.queryForList(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                        + " AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'qrtz\\_%'"
                        + " AND table_name <> 'flyway_schema_history' ORDER BY table_name",
                String.class);
    }

    @Test
    void everyDomainTableHasANotNullUuidTenantId() {
        List<String> tables = domainTables();

        assertThat(tables).contains("tenants", "mail_items", "work_items", "audit_log");
        for (String table : tables) {
            List<String> column = jdbc.queryForList(
                    "SELECT data_type || ':' || is_nullable FROM information_schema.columns"
                            + " WHERE table_schema = 'public' AND table_name = ? AND column_name = 'tenant_id'",
                    String.class,
                    table);
            assertThat(column).as(table).containsExactly("uuid:NO");
        }
    }

    @Test
    void everyTableButTenantsReferencesTenants() {
        List<String> referencing = jdbc.queryForList(
                "SELECT DISTINCT c.conrelid::regclass::text FROM pg_constraint c"
                        + " WHERE c.contype = 'f' AND c.confrelid = 'tenants'::regclass"
                        + " AND c.conkey = ARRAY[(SELECT attnum FROM pg_attribute"
                        + "   WHERE attrelid = c.conrelid AND attname = 'tenant_id')]::smallint[]",
                String.class);

        assertThat(referencing)
                .containsExactlyInAnyOrderElementsOf(domainTables().stream()
                        .filter(t -> !t.equals("tenants"))
                        .toList());
    }

    @Test
    void tenantIdLeadsEveryIndexOfTheTenantTablesExceptTheCrossTenantSweeps() {
        List<String> indexes = jdbc.queryForList(
                "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"
                        + " AND tablename NOT LIKE 'qrtz\\_%' AND tablename <> 'flyway_schema_history'"
                        + " AND indexdef NOT LIKE '%(tenant_id%' AND indexname NOT LIKE '%\\_pkey'",
                String.class);

        // Workers claim work, and the renewal job finds expiring subscriptions and failed creations due for another
        // try, across all tenants; and one
        // Microsoft tenant is connected to one Palisade tenant at most, which only a cross-tenant index can hold.
        assertThat(indexes)
                .containsExactlyInAnyOrder(
                        "work_items_ready",
                        "work_items_leased",
                        "m365_subscriptions_expiry",
                        "m365_subscriptions_creation_retry",
                        "provider_connections_one_live_per_external_tenant");
    }

    @Test
    void quartzTablesAreInPlaceForTheClusteredJobStore() {
        List<String> quartz = jdbc.queryForList(
                "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'qrtz\\_%'", String.class);

        assertThat(quartz).contains("qrtz_job_details", "qrtz_triggers", "qrtz_locks", "qrtz_scheduler_state");
    }
}
