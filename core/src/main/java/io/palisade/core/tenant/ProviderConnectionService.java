package io.palisade.core.tenant;

import io.palisade.core.connector.Provider;
import io.palisade.core.crypto.SecretCipher;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's connections to its mail platforms. Secrets pass through here only: they are stored encrypted with
 * {@link SecretCipher}, bound to their tenant and connection, and never logged.
 */
@Service
public class ProviderConnectionService {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderConnectionService.class);

    private final ProviderConnectionRepository connections;
    private final SecretCipher cipher;
    private final Clock clock;

    public ProviderConnectionService(ProviderConnectionRepository connections, SecretCipher cipher, Clock clock) {
        this.connections = connections;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The tenant's connection to this external organisation, created as PENDING when there is none yet. */
    @Transactional
    public ProviderConnection connect(UUID tenantId, Provider provider, String externalTenantId) {
        return connections
                .findByTenantIdAndProviderAndExternalTenantId(tenantId, provider, externalTenantId)
                .orElseGet(() -> {
                    ProviderConnection created = connections.save(
                            new ProviderConnection(tenantId, provider, externalTenantId, clock.instant()));
                    LOG.info(
                            "event=connection_created tenant={} connection={} provider={}",
                            tenantId,
                            created.getId(),
                            provider);
                    return created;
                });
    }

    /** Marks the connection ACTIVE with the roles the platform granted. */
    @Transactional
    public ProviderConnection activate(UUID tenantId, UUID connectionId, List<String> grantedRoles) {
        ProviderConnection connection = require(tenantId, connectionId);
        connection.setGrantedRoles(grantedRoles, clock.instant());
        connection.setStatus(ConnectionStatus.ACTIVE, clock.instant());
        LOG.info("event=connection_activated tenant={} connection={} roles={}", tenantId, connectionId, grantedRoles);
        return connection;
    }

    @Transactional
    public ProviderConnection changeStatus(UUID tenantId, UUID connectionId, ConnectionStatus status) {
        ProviderConnection connection = require(tenantId, connectionId);
        connection.setStatus(status, clock.instant());
        LOG.info("event=connection_status_changed tenant={} connection={} status={}", tenantId, connectionId, status);
        return connection;
    }

    /** Stores the connection's secret (client secret, private key, refresh token), encrypted; replaces any other. */
    @Transactional
    public void storeSecret(UUID tenantId, UUID connectionId, String secret) {
        ProviderConnection connection = require(tenantId, connectionId);
        connection.setSecretCiphertext(cipher.encrypt(secret, context(connection)), clock.instant());
        LOG.info("event=connection_secret_stored tenant={} connection={}", tenantId, connectionId);
    }

    /** The decrypted secret, or empty when none is stored. */
    @Transactional(readOnly = true)
    public Optional<String> readSecret(UUID tenantId, UUID connectionId) {
        ProviderConnection connection = require(tenantId, connectionId);
        return Optional.ofNullable(connection.getSecretCiphertext())
                .map(stored -> cipher.decrypt(stored, context(connection)));
    }

    @Transactional(readOnly = true)
    public Optional<ProviderConnection> find(UUID tenantId, UUID connectionId) {
        return connections.findByTenantIdAndId(tenantId, connectionId);
    }

    @Transactional(readOnly = true)
    public List<ProviderConnection> list(UUID tenantId) {
        return connections.findByTenantId(tenantId);
    }

    private ProviderConnection require(UUID tenantId, UUID connectionId) {
        return connections
                .findByTenantIdAndId(tenantId, connectionId)
                .orElseThrow(
                        () -> new NoSuchElementException("no connection " + connectionId + " in tenant " + tenantId));
    }

    private static String context(ProviderConnection connection) {
        return "provider-connection:" + connection.getTenantId() + ":" + connection.getId();
    }
}
