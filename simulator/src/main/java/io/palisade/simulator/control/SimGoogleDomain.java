package io.palisade.simulator.control;

import java.util.List;
import java.util.Map;

/**
 * A simulated Google Workspace domain and the service account its admin authorised for domain-wide delegation.
 *
 * @param domain e.g. {@code fabrikam.example}
 * @param customerId the Workspace customer id
 * @param mailboxes every user's address
 * @param serviceAccount the delegated service account
 * @param keyFile the service account's JSON key file fields ({@code ServiceAccountCredentials.fromStream} reads
 *     them); its {@code token_uri} is the simulator's token endpoint
 */
public record SimGoogleDomain(
        String domain, String customerId, List<String> mailboxes, Account serviceAccount, Map<String, String> keyFile) {

    /**
     * A service account.
     *
     * @param scopes the scopes delegated to it in the domain
     */
    public record Account(String email, String clientId, List<String> scopes) {}
}
