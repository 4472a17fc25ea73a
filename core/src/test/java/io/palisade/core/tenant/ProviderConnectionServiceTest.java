package io.palisade.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.core.TestFixtures;
import io.palisade.core.connector.Provider;
import io.palisade.core.crypto.SecretDecryptionException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest
class ProviderConnectionServiceTest {

    private static final String SECRET = "client-secret-Zq8~not-for-logs";

    @Autowired
    ProviderConnectionService connections;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void storesTheSecretOnlyEncryptedAndReadsItBack() {
        UUID tenant = fixtures.tenant().getId();
        ProviderConnection connection = connections.connect(tenant, Provider.M365, "entra-1");

        connections.storeSecret(tenant, connection.getId(), SECRET);

        String stored = jdbc.queryForObject(
                "SELECT secret_ciphertext FROM provider_connections WHERE id = ?", String.class, connection.getId());
        assertThat(stored).startsWith("v1:").doesNotContain(SECRET);
        assertThat(connections.readSecret(tenant, connection.getId())).contains(SECRET);
        assertThat(connections.find(tenant, connection.getId()).orElseThrow().hasSecret())
                .isTrue();
    }

    @Test
    void aSecretCopiedIntoAnotherTenantsRowDoesNotDecrypt() {
        UUID tenantA = fixtures.tenant().getId();
        UUID tenantB = fixtures.tenant().getId();
        ProviderConnection a = connections.connect(tenantA, Provider.M365, "entra-a");
        ProviderConnection b = connections.connect(tenantB, Provider.M365, "entra-b");
        connections.storeSecret(tenantA, a.getId(), SECRET);

        jdbc.update(
                "UPDATE provider_connections SET secret_ciphertext ="
                        + " (SELECT secret_ciphertext FROM provider_connections WHERE id = ?) WHERE id = ?",
                a.getId(),
                b.getId());

        assertThatThrownBy(() -> connections.readSecret(tenantB, b.getId()))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void connectIsIdempotentAndActivationRecordsTheGrantedRoles() {
        UUID tenant = fixtures.tenant().getId();
        ProviderConnection first = connections.connect(tenant, Provider.M365, "entra-1");

        ProviderConnection again = connections.connect(tenant, Provider.M365, "entra-1");
        connections.activate(tenant, first.getId(), List.of("Mail.ReadWrite", "User.Read.All"));

        assertThat(again.getId()).isEqualTo(first.getId());
        ProviderConnection active = connections.find(tenant, first.getId()).orElseThrow();
        assertThat(active.getStatus()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(active.getGrantedRoles()).containsExactly("Mail.ReadWrite", "User.Read.All");
        assertThat(active.hasSecret()).isFalse();
        assertThat(connections.readSecret(tenant, first.getId())).isEmpty();
    }

    @Test
    void anotherTenantCannotSeeOrUseTheConnection() {
        UUID owner = fixtures.tenant().getId();
        UUID other = fixtures.tenant().getId();
        ProviderConnection connection = connections.connect(owner, Provider.GWS, "C0123");
        connections.storeSecret(owner, connection.getId(), SECRET);

        assertThat(connections.find(other, connection.getId())).isEmpty();
        assertThat(connections.list(other)).isEmpty();
        assertThat(connections.list(owner))
                .extracting(ProviderConnection::getId)
                .containsExactly(connection.getId());
        assertThatThrownBy(() -> connections.readSecret(other, connection.getId()))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void toStringShowsNoSecret() {
        UUID tenant = fixtures.tenant().getId();
        ProviderConnection connection = connections.connect(tenant, Provider.M365, "entra-1");
        connections.storeSecret(tenant, connection.getId(), SECRET);

        String shown =
                connections.find(tenant, connection.getId()).orElseThrow().toString();

        assertThat(shown).doesNotContain(SECRET).doesNotContain("v1:");
    }
}
