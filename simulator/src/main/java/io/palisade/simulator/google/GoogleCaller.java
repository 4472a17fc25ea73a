package io.palisade.simulator.google;

import java.time.Instant;
import java.util.Set;

/**
 * Who an access token speaks for: a service account acting as a delegated user, with the scopes granted.
 *
 * @param serviceAccount the service account's email
 * @param user the impersonated user's address (the JWT's {@code sub}), never null
 * @param scopes the granted scopes
 * @param expires when the token stops working
 */
public record GoogleCaller(String serviceAccount, String user, Set<String> scopes, Instant expires) {

    public GoogleCaller {
        scopes = Set.copyOf(scopes);
    }
}
