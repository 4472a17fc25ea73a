package io.palisade.detection.cli;

import io.palisade.detection.api.ScanContext;
import java.util.Optional;
import java.util.Set;

/**
 * The context of a tenant that knows nothing about the mail it receives: no VIPs, lists, indicators or history,
 * and no trusted authentication results. Corpus mail was not received by any tenant, so this is the honest
 * context for measuring what the content of the messages alone gives.
 *
 * @param ownDomains the tenant's own domains (usually none for a public corpus)
 */
record OutsideTenant(Set<String> ownDomains) implements ScanContext {

    OutsideTenant {
        ownDomains = Set.copyOf(ownDomains);
    }

    @Override
    public Set<String> vipNames() {
        return Set.of();
    }

    @Override
    public Set<String> internalDisplayNames() {
        return Set.of();
    }

    @Override
    public Set<String> brandNames() {
        return Set.of();
    }

    @Override
    public ListLookup allowList() {
        return NoEntries.INSTANCE;
    }

    @Override
    public ListLookup blockList() {
        return NoEntries.INSTANCE;
    }

    @Override
    public IndicatorLookup indicators() {
        return (kind, value) -> Optional.empty();
    }

    @Override
    public SenderHistory senderHistory() {
        return NoEntries.INSTANCE;
    }

    @Override
    public Optional<Double> weightOverride(String signalName) {
        return Optional.empty();
    }

    @Override
    public Set<String> trustedAuthservIds() {
        return Set.of();
    }

    private enum NoEntries implements ListLookup, SenderHistory {
        INSTANCE;

        @Override
        public boolean containsAddress(String address) {
            return false;
        }

        @Override
        public boolean containsDomain(String domain) {
            return false;
        }

        @Override
        public boolean containsUrl(String url) {
            return false;
        }

        @Override
        public int messagesFromSenderTo(String senderAddress, String recipientAddress) {
            return 0;
        }

        @Override
        public int messagesFromSender(String senderAddress) {
            return 0;
        }
    }
}
