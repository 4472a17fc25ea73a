package io.palisade.simulator.control;

import java.util.List;
import java.util.Set;

/**
 * A simulated tenant and the credentials of the app created with it.
 *
 * @param tenantId the tenant GUID
 * @param domain the tenant's domain, e.g. {@code contoso.onmicrosoft.com}
 * @param clientId the app's client id
 * @param clientSecret the app's secret; null when it authenticates by certificate only
 * @param roles the application roles granted to the app in this tenant
 * @param mailboxCount how many mailboxes the tenant has
 * @param applications every app consented in the tenant, the first being the one above
 */
public record SimTenant(
        String tenantId,
        String domain,
        String displayName,
        String clientId,
        String clientSecret,
        Set<String> roles,
        int mailboxCount,
        List<App> applications) {

    /**
     * An app consented in the tenant.
     *
     * @param clientSecret null when the app has none
     */
    public record App(String clientId, String clientSecret, Set<String> roles) {}
}
