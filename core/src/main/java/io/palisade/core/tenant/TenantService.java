package io.palisade.core.tenant;

import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, finds and suspends tenants. */
@Service
public class TenantService {

    private static final Logger LOG = LoggerFactory.getLogger(TenantService.class);
    private static final int MAX_NAME_LENGTH = 200;

    private final TenantRepository tenants;
    private final Clock clock;

    public TenantService(TenantRepository tenants, Clock clock) {
        this.tenants = tenants;
        this.clock = clock;
    }

    /**
     * Creates an active tenant.
     *
     * @param name a display name of 1 to 200 characters
     * @throws IllegalArgumentException if the name is blank or too long
     */
    @Transactional
    public Tenant create(String name) {
        String checked = checkName(name);
        Tenant tenant = tenants.save(new Tenant(UUID.randomUUID(), checked, clock.instant()));
        LOG.info("event=tenant_created tenant={}", tenant.getId());
        return tenant;
    }

    /** The tenant, or empty when there is none with this id. */
    @Transactional(readOnly = true)
    public Optional<Tenant> find(UUID tenantId) {
        return tenants.findById(tenantId);
    }

    /** The tenant; throws {@link NoSuchElementException} naming the id when there is none. */
    @Transactional(readOnly = true)
    public Tenant require(UUID tenantId) {
        return tenants.findById(tenantId).orElseThrow(() -> new NoSuchElementException("no tenant " + tenantId));
    }

    /** The active tenants, by name: the ones whose mail Palisade processes. */
    @Transactional(readOnly = true)
    public List<Tenant> active() {
        return tenants.findByStatusOrderByName(TenantStatus.ACTIVE);
    }

    /** Every tenant, suspended ones included (retention applies to them too), by name. */
    @Transactional(readOnly = true)
    public List<Tenant> all() {
        return tenants.findAllByOrderByName();
    }

    @Transactional
    public Tenant rename(UUID tenantId, String name) {
        Tenant tenant = require(tenantId);
        tenant.rename(checkName(name));
        return tenant;
    }

    /** Stops processing the tenant's mail; its data stays. */
    @Transactional
    public Tenant suspend(UUID tenantId) {
        return changeStatus(tenantId, TenantStatus.SUSPENDED);
    }

    @Transactional
    public Tenant reactivate(UUID tenantId) {
        return changeStatus(tenantId, TenantStatus.ACTIVE);
    }

    private Tenant changeStatus(UUID tenantId, TenantStatus status) {
        Tenant tenant = require(tenantId);
        tenant.setStatus(status);
        LOG.info("event=tenant_status_changed tenant={} status={}", tenantId, status);
        return tenant;
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a tenant name needs 1 to " + MAX_NAME_LENGTH + " characters, got "
                    + (name == null ? "null" : name.strip().length()));
        }
        return name.strip();
    }
}
