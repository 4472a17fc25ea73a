package io.palisade.detection.analysis;

import io.palisade.detection.api.ScanContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An in-memory {@link ScanContext} for analyzer tests, built fluently. */
public final class TestScanContext implements ScanContext {
    private final Set<String> ownDomains = new HashSet<>();
    private final Set<String> vipNames = new HashSet<>();
    private final Set<String> internalNames = new HashSet<>();
    private final Set<String> brandNames = new HashSet<>();
    private final Set<String> trustedAuthservIds = new HashSet<>();
    private final InMemoryList allow = new InMemoryList();
    private final InMemoryList block = new InMemoryList();
    private final Map<String, Indicator> indicators = new HashMap<>();
    private final Map<String, Integer> senderCounts = new HashMap<>();
    private Optional<String> tenantId = Optional.empty();

    public static TestScanContext tenant() {
        return new TestScanContext().ownDomain("contoso.com").trustAuthserv("mx.contoso-mail.net");
    }

    public TestScanContext withTenantId(Optional<String> id) {
        tenantId = id;
        return this;
    }

    public TestScanContext ownDomain(String domain) {
        ownDomains.add(domain);
        return this;
    }

    public TestScanContext vip(String name) {
        vipNames.add(name);
        return this;
    }

    public TestScanContext insider(String name) {
        internalNames.add(name);
        return this;
    }

    public TestScanContext brand(String name) {
        brandNames.add(name);
        return this;
    }

    public TestScanContext trustAuthserv(String id) {
        trustedAuthservIds.add(id);
        return this;
    }

    public TestScanContext allow(String entry) {
        allow.entries.add(entry.toLowerCase(Locale.ROOT));
        return this;
    }

    public TestScanContext block(String entry) {
        block.entries.add(entry.toLowerCase(Locale.ROOT));
        return this;
    }

    public TestScanContext indicator(IndicatorKind kind, String value, int confidence) {
        indicators.put(kind + " " + value, new Indicator(kind, value, "test-feed", confidence));
        return this;
    }

    public TestScanContext sentBefore(String sender, int count) {
        senderCounts.put(sender, count);
        return this;
    }

    @Override
    public Set<String> ownDomains() {
        return ownDomains;
    }

    @Override
    public Set<String> vipNames() {
        return vipNames;
    }

    @Override
    public Set<String> internalDisplayNames() {
        return internalNames;
    }

    @Override
    public Set<String> brandNames() {
        return brandNames;
    }

    @Override
    public ListLookup allowList() {
        return allow;
    }

    @Override
    public ListLookup blockList() {
        return block;
    }

    @Override
    public IndicatorLookup indicators() {
        return (kind, value) -> Optional.ofNullable(indicators.get(kind + " " + value));
    }

    @Override
    public SenderHistory senderHistory() {
        return new SenderHistory() {
            @Override
            public int messagesFromSenderTo(String senderAddress, String recipientAddress) {
                return senderCounts.getOrDefault(senderAddress, 0);
            }

            @Override
            public int messagesFromSender(String senderAddress) {
                return senderCounts.getOrDefault(senderAddress, 0);
            }
        };
    }

    @Override
    public Optional<Double> weightOverride(String signalName) {
        return Optional.empty();
    }

    @Override
    public Optional<String> tenantId() {
        return tenantId;
    }

    @Override
    public Set<String> trustedAuthservIds() {
        return trustedAuthservIds;
    }

    private static final class InMemoryList implements ListLookup {
        private final Set<String> entries = new HashSet<>();

        @Override
        public boolean containsAddress(String address) {
            return entries.contains(address);
        }

        @Override
        public boolean containsDomain(String domain) {
            return entries.contains(domain);
        }

        @Override
        public boolean containsUrl(String url) {
            return entries.contains(url);
        }
    }
}
