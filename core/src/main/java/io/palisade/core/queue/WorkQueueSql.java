package io.palisade.core.queue;

/** The statements of {@link WorkQueue}, kept apart so that the class reads as the queue's rules. */
final class WorkQueueSql {

    private static final String COLUMNS = "id, tenant_id, kind, idempotency_key, payload::text AS payload, state,"
            + " attempts, max_attempts, run_at, claimed_by, lease_token, lease_until, last_error, created_at,"
            + " updated_at";

    static final String ENQUEUE = """
            INSERT INTO work_items (id, tenant_id, kind, idempotency_key, payload, state, attempts, max_attempts,
                                    run_at, created_at, updated_at)
            VALUES (:id, :tenantId, :kind, :key, CAST(:payload AS jsonb), 'READY', 0, :maxAttempts,
                    :runAt, :now, :now)
            ON CONFLICT (tenant_id, kind, idempotency_key) DO NOTHING
            """;

    // An expired lease on an item with no attempts left means its worker died on the last attempt.
    static final String DEAD_LETTER_EXHAUSTED_LEASES = """
            UPDATE work_items
               SET state = 'DEAD', lease_token = NULL, lease_until = NULL, last_error = :error, updated_at = :now
             WHERE state = 'CLAIMED' AND lease_until <= :now AND attempts >= max_attempts AND kind IN (:kinds)
            """;

    static final String CLAIM = """
            WITH due AS (
                SELECT id FROM work_items
                 WHERE kind IN (:kinds)
                   AND ((state = 'READY' AND run_at <= :now)
                        OR (state = 'CLAIMED' AND lease_until <= :now AND attempts < max_attempts))
                 ORDER BY CASE WHEN state = 'READY' THEN run_at ELSE lease_until END
                 LIMIT :max
                 FOR UPDATE SKIP LOCKED)
            UPDATE work_items w
               SET state = 'CLAIMED', claimed_by = :worker, lease_token = gen_random_uuid(),
                   lease_until = :leaseUntil, attempts = w.attempts + 1, updated_at = :now
              FROM due
             WHERE w.id = due.id
            RETURNING\s""" + COLUMNS.replace("id, tenant_id", "w.id, w.tenant_id");

    static final String POSTPONE = """
            UPDATE work_items SET run_at = :runAt, updated_at = :now
             WHERE tenant_id = :tenantId AND kind = :kind AND idempotency_key = :key AND state = 'READY'
            """;

    // Row locks held to the caller's commit: a claim (FOR UPDATE SKIP LOCKED) passes the item by until then.
    static final String HOLD_READY = """
            UPDATE work_items SET updated_at = :now
             WHERE tenant_id = :tenantId AND kind = :kind AND state = 'READY' AND idempotency_key LIKE :prefix
            """;

    static final String EXTEND_LEASE = """
            UPDATE work_items SET lease_until = :leaseUntil, updated_at = :now
             WHERE id = :id AND lease_token = :token AND state = 'CLAIMED'
            """;

    static final String COMPLETE = """
            UPDATE work_items
               SET state = 'DONE', lease_token = NULL, lease_until = NULL, updated_at = :now
             WHERE id = :id AND lease_token = :token AND state = 'CLAIMED'
            """;

    static final String FIND_HELD =
            "SELECT " + COLUMNS + " FROM work_items WHERE id = :id AND lease_token = :token AND state = 'CLAIMED'";

    static final String RESCHEDULE = """
            UPDATE work_items
               SET state = 'READY', run_at = :runAt, last_error = :error, lease_token = NULL, lease_until = NULL,
                   updated_at = :now
             WHERE id = :id AND lease_token = :token AND state = 'CLAIMED'
            """;

    static final String DEAD_LETTER = """
            UPDATE work_items
               SET state = 'DEAD', last_error = :error, lease_token = NULL, lease_until = NULL, updated_at = :now
             WHERE id = :id AND lease_token = :token AND state = 'CLAIMED'
            """;

    static final String DEAD_LETTERS = "SELECT " + COLUMNS
            + " FROM work_items WHERE tenant_id = :tenantId AND state = 'DEAD'"
            + " ORDER BY updated_at DESC, id LIMIT :limit OFFSET :offset";

    static final String COUNT_DEAD_LETTERS =
            "SELECT count(*) FROM work_items WHERE tenant_id = :tenantId AND state = 'DEAD'";

    static final String RETRY = """
            UPDATE work_items
               SET state = 'READY', attempts = 0, run_at = :now, updated_at = :now
             WHERE tenant_id = :tenantId AND id = :id AND state = 'DEAD'
            """;

    static final String PURGE_DONE = "DELETE FROM work_items WHERE state = 'DONE' AND updated_at < :before";

    static final String FIND = "SELECT " + COLUMNS + " FROM work_items WHERE tenant_id = :tenantId AND id = :id";

    static final String COUNT_BY_STATE = "SELECT state, count(*) AS count FROM work_items GROUP BY state";

    static final String COUNT_BY_STATE_FOR_TENANT =
            "SELECT state, count(*) AS count FROM work_items WHERE tenant_id = :tenantId GROUP BY state";

    // Served by the partial indexes on READY and DEAD items; DONE items, the bulk of the table, are not read.
    static final String COUNT_READY_AND_DEAD_BY_TENANT = """
            SELECT tenant_id, state, count(*) AS count FROM work_items
             WHERE state IN ('READY', 'DEAD')
             GROUP BY tenant_id, state
            """;

    private WorkQueueSql() {}
}
