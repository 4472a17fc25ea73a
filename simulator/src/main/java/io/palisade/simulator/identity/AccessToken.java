package io.palisade.simulator.identity;

import java.time.Instant;
import java.util.Set;

/**
 * A verified app-only access token.
 *
 * @param tenantId the tenant it was issued in ({@code tid})
 * @param appId the client id ({@code appid})
 * @param roles the application roles granted ({@code roles}); empty when none
 * @param expiresAt when it stops being valid
 */
public record AccessToken(String tenantId, String appId, Set<String> roles, Instant expiresAt) {

    /** True when the token carries at least one of {@code anyOf}. */
    public boolean hasAnyRole(Set<String> anyOf) {
        return anyOf.stream().anyMatch(roles::contains);
    }
}
