package io.palisade.detection.testing;

import io.palisade.detection.api.ScanContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A tenant context held in memory, for tests: own domains and weight overrides; empty lists and history. */
public final class TestContext implements ScanContext {

    private final Set<String> ownDomains;
    private final Map<String, Double> overrides = new HashMap<>();

    private TestContext(Set<String> ownDomains) {
        this.ownDomains = Set.copyOf(ownDomains);
    }

    /** The tenant of the fixtures: contoso.com. */
    public static TestContext contoso() {
        return new TestContext(Set.of("contoso.com"));
    }

    /** Overrides a signal's weight for this tenant. */
    public TestContext override(String signal, double weight) {
        overrides.put(signal, weight);
        return this;
    }

    @Override
    public Set<String> ownDomains() {
        return ownDomains;
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
        return EmptyList.INSTANCE;
    }

    @Override
    public ListLookup blockList() {
        return EmptyList.INSTANCE;
    }

    @Override
    public IndicatorLookup indicators() {
        return (kind, value) -> Optional.empty();
    }

    @Override
    public SenderHistory senderHistory() {
        return new SenderHistory() {
            @Override
            public int messagesFromSenderTo(String senderAddress, String recipientAddress) {
                return 0;
            }

            @Override
            public int messagesFromSender(String senderAddress) {
                return 0;
            }
        };
    }

    @Override
    public Optional<Double> weightOverride(String signalName) {
        return Optional.ofNullable(overrides.get(signalName));
    }

    @Override
    public Set<String> trustedAuthservIds() {
        return Set.of("mx.contoso.com");
    }

    private enum EmptyList implements ListLookup {
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
    }
}
