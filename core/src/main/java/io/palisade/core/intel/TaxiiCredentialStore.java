package io.palisade.core.intel;

import io.palisade.core.crypto.SecretCipher;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A TAXII feed's credentials in {@code taxii_feeds}: encrypted with {@link SecretCipher} and bound to the tenant and
 * the feed, so a value copied to another row does not decrypt. Credentials are never logged.
 */
@Component
class TaxiiCredentialStore {

    private static final Logger LOG = LoggerFactory.getLogger(TaxiiCredentialStore.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final SecretCipher cipher;

    TaxiiCredentialStore(JdbcTemplate jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Stores the feed's credentials, replacing any others. */
    void store(UUID tenantId, UUID feedId, TaxiiCredentials credentials) {
        ObjectNode plain = JSON.createObjectNode();
        switch (credentials) {
            case TaxiiCredentials.Basic basic ->
                plain.put("username", basic.username()).put("password", basic.password());
            case TaxiiCredentials.ApiKey key ->
                plain.put("header", key.header()).put("value", key.value());
        }
        jdbc.update(
                "UPDATE taxii_feeds SET auth_kind = ?, credentials_ciphertext = ? WHERE tenant_id = ? AND id = ?",
                credentials.kind().name(),
                cipher.encrypt(JSON.writeValueAsString(plain), context(tenantId, feedId)),
                tenantId,
                feedId);
        LOG.info("event=taxii_credentials_stored tenant={} feed={} kind={}", tenantId, feedId, credentials.kind());
    }

    /** Removes the feed's credentials: it is polled without any. */
    void clear(UUID tenantId, UUID feedId) {
        int cleared = jdbc.update(
                "UPDATE taxii_feeds SET auth_kind = NULL, credentials_ciphertext = NULL"
                        + " WHERE tenant_id = ? AND id = ? AND auth_kind IS NOT NULL",
                tenantId,
                feedId);
        if (cleared > 0) {
            LOG.info("event=taxii_credentials_cleared tenant={} feed={}", tenantId, feedId);
        }
    }

    /**
     * The feed's decrypted credentials; empty when it has none.
     *
     * @throws io.palisade.core.crypto.SecretDecryptionException when the stored value does not decrypt
     */
    Optional<TaxiiCredentials> load(UUID tenantId, UUID feedId) {
        return jdbc
                .query(
                        "SELECT auth_kind, credentials_ciphertext FROM taxii_feeds WHERE tenant_id = ? AND id = ?"
                                + " AND auth_kind IS NOT NULL",
                        (rs, row) -> decode(
                                TaxiiAuth.valueOf(rs.getString("auth_kind")),
                                cipher.decrypt(rs.getString("credentials_ciphertext"), context(tenantId, feedId))),
                        tenantId,
                        feedId)
                .stream()
                .findFirst();
    }

    private static TaxiiCredentials decode(TaxiiAuth kind, String plain) {
        JsonNode node = JSON.readTree(plain);
        return switch (kind) {
            case BASIC ->
                new TaxiiCredentials.Basic(
                        node.path("username").asString(), node.path("password").asString());
            case API_KEY ->
                new TaxiiCredentials.ApiKey(
                        node.path("header").asString(), node.path("value").asString());
            case NONE -> throw new IllegalStateException("feed credentials stored with kind NONE");
        };
    }

    private static String context(UUID tenantId, UUID feedId) {
        return "taxii-feed:" + tenantId + ":" + feedId;
    }
}
