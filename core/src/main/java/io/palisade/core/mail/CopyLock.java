package io.palisade.core.mail;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A transaction lock on one copy of a message (tenant, mailbox, provider id), for every path that may store a copy
 * Palisade does not know yet: ingest (a notification, a catch-up) and a clawback's search both find new copies, and
 * whichever holds the lock first stores it while the other, once it has the lock, finds it stored. Released when the
 * caller's transaction ends.
 */
@Component
public class CopyLock {

    private final JdbcTemplate jdbc;

    public CopyLock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for the copy's lock; call it before looking the copy up. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void hold(UUID tenantId, UUID mailboxId, String providerMessageId) {
        String key = tenantId + "/" + mailboxId + "/" + providerMessageId;
        jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> {}, key);
    }
}
