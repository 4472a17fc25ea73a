package io.palisade.core.connector;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The connector of each provider, from the {@link MailboxConnector} beans in the application. */
@Component
public class MailboxConnectorRegistry {

    private final Map<Provider, MailboxConnector> connectors;

    /** @throws IllegalStateException if two connectors claim the same provider */
    public MailboxConnectorRegistry(List<MailboxConnector> available) {
        Map<Provider, MailboxConnector> byProvider = new EnumMap<>(Provider.class);
        for (MailboxConnector connector : available) {
            MailboxConnector previous = byProvider.putIfAbsent(connector.provider(), connector);
            if (previous != null) {
                throw new IllegalStateException("two mailbox connectors for " + connector.provider() + ": "
                        + previous.getClass().getName() + " and "
                        + connector.getClass().getName());
            }
        }
        this.connectors = Collections.unmodifiableMap(byProvider);
    }

    /** The provider's connector, or empty when none is installed. */
    public Optional<MailboxConnector> find(Provider provider) {
        return Optional.ofNullable(connectors.get(provider));
    }

    /** The provider's connector; throws {@link IllegalStateException} naming the provider when none is installed. */
    public MailboxConnector require(Provider provider) {
        return find(provider)
                .orElseThrow(() -> new IllegalStateException("no mailbox connector is installed for " + provider));
    }

    /** The providers that have a connector. */
    public Set<Provider> providers() {
        return connectors.keySet();
    }
}
