package io.palisade.simulator.state;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An app registration: what a client authenticates as. One application may be consented in many
 * tenants (a multi-tenant app), each granting it application roles.
 *
 * @param clientId the application (client) id, a GUID
 * @param clientSecret the secret, or null when the app authenticates only with certificates
 * @param displayName a name for people
 * @param requiredRoles the roles an admin grants when consenting
 * @param certificates certificates whose keys may sign client assertions
 */
public record Application(
        String clientId,
        String clientSecret,
        String displayName,
        Set<String> requiredRoles,
        List<X509Certificate> certificates) {

    public Application {
        requiredRoles = Set.copyOf(requiredRoles);
        certificates = new CopyOnWriteArrayList<>(certificates);
    }
}
