package io.palisade.core.crypto;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Random keys that belong to one tenant and one purpose (such as signing banner markers), created on first use and
 * stored encrypted with {@link SecretCipher}. The same tenant and purpose give the same key on every instance.
 */
@Component
public class TenantKeys {

    /** Keys are this many random bytes. */
    public static final int KEY_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final SecretCipher cipher;
    private final Clock clock;

    public TenantKeys(JdbcTemplate jdbc, SecretCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The tenant's key for {@code purpose}, never null. */
    public byte[] key(UUID tenantId, String purpose) {
        String context = "tenant-key:" + tenantId + ":" + purpose;
        List<String> stored = select(tenantId, purpose);
        if (stored.isEmpty()) {
            byte[] fresh = new byte[KEY_BYTES];
            RANDOM.nextBytes(fresh);
            jdbc.update(
                    "INSERT INTO tenant_keys (tenant_id, purpose, ciphertext, created_at) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (tenant_id, purpose) DO NOTHING",
                    tenantId,
                    purpose,
                    cipher.encrypt(Base64.getEncoder().encodeToString(fresh), context),
                    Timestamp.from(clock.instant()));
            // Another instance may have won the race: the stored key is the one to use.
            stored = select(tenantId, purpose);
        }
        return Base64.getDecoder().decode(cipher.decrypt(stored.getFirst(), context));
    }

    /** The tenant's key for {@code purpose} if one was made; never creates one (for verifying what others sent). */
    public Optional<byte[]> existing(UUID tenantId, String purpose) {
        String context = "tenant-key:" + tenantId + ":" + purpose;
        return select(tenantId, purpose).stream()
                .findFirst()
                .map(stored -> Base64.getDecoder().decode(cipher.decrypt(stored, context)));
    }

    private List<String> select(UUID tenantId, String purpose) {
        return jdbc.queryForList(
                "SELECT ciphertext FROM tenant_keys WHERE tenant_id = ? AND purpose = ?",
                String.class,
                tenantId,
                purpose);
    }
}
