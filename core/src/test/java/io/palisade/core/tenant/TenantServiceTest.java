package io.palisade.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class TenantServiceTest {

    @Autowired
    TenantService tenants;

    @Test
    void createsAnActiveTenantThatCanBeFoundAgain() {
        Tenant created = tenants.create("  Contoso Ltd ");

        Tenant found = tenants.require(created.getId());

        assertThat(found.getName()).isEqualTo("Contoso Ltd");
        assertThat(found.getStatus()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(tenants.active()).contains(found);
    }

    @Test
    void suspendedTenantIsNoLongerActiveUntilReactivated() {
        Tenant tenant = tenants.create("Fabrikam");

        tenants.suspend(tenant.getId());
        assertThat(tenants.active()).doesNotContain(tenant);
        assertThat(tenants.require(tenant.getId()).getStatus()).isEqualTo(TenantStatus.SUSPENDED);

        tenants.reactivate(tenant.getId());
        assertThat(tenants.active()).contains(tenant);
    }

    @Test
    void renamesATenant() {
        Tenant tenant = tenants.create("Old name");

        tenants.rename(tenant.getId(), "New name");

        assertThat(tenants.require(tenant.getId()).getName()).isEqualTo("New name");
    }

    @Test
    void rejectsABlankOrOverlongName() {
        assertThatThrownBy(() -> tenants.create(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tenants.create("x".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("201");
    }

    @Test
    void anUnknownTenantIsNamedInTheError() {
        UUID unknown = UUID.randomUUID();

        assertThat(tenants.find(unknown)).isEmpty();
        assertThatThrownBy(() -> tenants.require(unknown))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining(unknown.toString());
    }
}
