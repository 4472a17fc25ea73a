package io.palisade.core.scan;

import io.palisade.core.intel.IntelKind;
import io.palisade.core.intel.IntelService;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.core.tenant.TenantService;
import io.palisade.detection.api.ScanContext;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds the {@link ScanContext} of a tenant from its mailboxes and mail history. One context serves one scan;
 * every lookup it makes is scoped to its tenant.
 */
@Component
public class TenantScanContexts {

    private static final ScanContext.ListLookup EMPTY_LIST = new ScanContext.ListLookup() {
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
    };

    // As many earlier messages as a long-standing correspondent has, so no first-contact signal fires.
    private static final int TRUSTED_CORRESPONDENCE = 100;

    private final MailboxRepository mailboxes;
    private final TenantService tenants;
    private final JdbcTemplate jdbc;
    private final DetectionProperties properties;
    private final IntelService intel;

    public TenantScanContexts(
            MailboxRepository mailboxes,
            TenantService tenants,
            JdbcTemplate jdbc,
            DetectionProperties properties,
            IntelService intel) {
        this.intel = intel;
        this.mailboxes = mailboxes;
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** The context of one tenant as it is now. */
    public ScanContext forTenant(UUID tenantId) {
        return forRecipient(tenantId, null);
    }

    /**
     * The context of one tenant as one recipient sees it: a sender that recipient trusted (from a banner's live
     * page) is an established correspondent, so no first-contact signal fires for it. The rest is the tenant's.
     *
     * @param recipientAddress the mailbox address of the copy being scanned; null for the tenant's context
     */
    public ScanContext forRecipient(UUID tenantId, String recipientAddress) {
        List<Mailbox> active = mailboxes.findByTenantIdAndStatusOrderByAddress(tenantId, MailboxStatus.ACTIVE);
        Set<String> domains = active.stream()
                .map(Mailbox::getAddress)
                .map(address -> address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        Set<String> names = active.stream()
                .map(Mailbox::getDisplayName)
                .filter(Objects::nonNull)
                .filter(name -> !name.isBlank())
                .collect(Collectors.toUnmodifiableSet());
        String brand = tenants.require(tenantId).getName();
        return new Context(tenantId, recipientAddress, domains, names, Set.of(brand));
    }

    private final class Context implements ScanContext {

        private final UUID tenantId;
        private final String recipient;
        private final Set<String> ownDomains;
        private final Set<String> displayNames;
        private final Set<String> brands;

        Context(UUID tenantId, String recipient, Set<String> ownDomains, Set<String> displayNames, Set<String> brands) {
            this.tenantId = tenantId;
            this.recipient = recipient;
            this.ownDomains = ownDomains;
            this.displayNames = displayNames;
            this.brands = brands;
        }

        @Override
        public Optional<String> tenantId() {
            // A banner marker must be this tenant's: one signed for another tenant is pasted in, not ours.
            // Not yet: a genuine marker of this tenant pasted into a new message passes; its message key is unchecked.
            return Optional.of(tenantId.toString());
        }

        @Override
        public Set<String> ownDomains() {
            return ownDomains;
        }

        @Override
        // Not yet: VIPs are not configurable; every insider's display name is protected the same way instead.
        public Set<String> vipNames() {
            return Set.of();
        }

        @Override
        public Set<String> internalDisplayNames() {
            return displayNames;
        }

        @Override
        public Set<String> brandNames() {
            return brands;
        }

        @Override
        // Not yet: allow and block lists come with the tenant policies.
        public ListLookup allowList() {
            return EMPTY_LIST;
        }

        @Override
        public ListLookup blockList() {
            return EMPTY_LIST;
        }

        @Override
        public IndicatorLookup indicators() {
            return (kind, value) -> value == null || value.isEmpty()
                    ? Optional.empty()
                    : intel.lookup(tenantId, IntelKind.valueOf(kind.name()), normalise(kind, value))
                            .map(found -> new Indicator(kind, found.value(), found.source(), found.confidence()));
        }

        private static String normalise(IndicatorKind kind, String value) {
            return kind == IndicatorKind.URL ? value : value.toLowerCase(Locale.ROOT);
        }

        @Override
        public SenderHistory senderHistory() {
            return new SenderHistory() {
                @Override
                public int messagesFromSenderTo(String senderAddress, String recipientAddress) {
                    // A sender the recipient marked as trusted counts as an established correspondent.
                    if (trusts(recipientAddress, senderAddress)) {
                        return TRUSTED_CORRESPONDENCE;
                    }
                    return count(
                            "SELECT count(*) FROM mail_items"
                                    + " WHERE tenant_id = ? AND sender = ? AND ? = ANY(recipients)",
                            senderAddress,
                            recipientAddress);
                }

                @Override
                public int messagesFromSender(String senderAddress) {
                    // The copy's own recipient vouched for the sender: not a first contact for them.
                    if (recipient != null && trusts(recipient, senderAddress)) {
                        return TRUSTED_CORRESPONDENCE;
                    }
                    // Not yet: earlier copies of the same message count, so only its first copy scanned is a first
                    // contact, and a re-scan never is.
                    return count("SELECT count(*) FROM mail_items WHERE tenant_id = ? AND sender = ?", senderAddress);
                }
            };
        }

        @Override
        public Optional<Double> weightOverride(String signalName) {
            return Optional.empty();
        }

        @Override
        public Set<String> trustedAuthservIds() {
            return properties.trustedAuthservIds();
        }

        private boolean trusts(String recipientAddress, String senderAddress) {
            return count(
                            "SELECT count(*) FROM trusted_senders"
                                    + " WHERE tenant_id = ? AND sender = lower(?) AND recipient = lower(?)",
                            senderAddress,
                            recipientAddress)
                    > 0;
        }

        private int count(String sql, Object... args) {
            Object[] withTenant = new Object[args.length + 1];
            withTenant[0] = tenantId;
            System.arraycopy(args, 0, withTenant, 1, args.length);
            Integer count = jdbc.queryForObject(sql, Integer.class, withTenant);
            return count == null ? 0 : count;
        }
    }
}
