package io.palisade.banners.live;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.palisade.banners.render.Branding;
import io.palisade.banners.render.Colour;
import io.palisade.core.tenant.TenantService;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's banner branding and wording overrides, and the language each mailbox's owner reads. Administrators
 * edit them through {@link BannerSettingsEdits} (versioned and audited).
 *
 * <p>Both are kept in memory for {@link #CACHED_FOR} per tenant and mailbox, since every banner of a campaign's
 * thousand copies would otherwise read the same rows. An edit on this instance shows in the next banner; an edit
 * on another instance, or a renamed tenant, within {@link #CACHED_FOR}.
 */
@Component
public class BannerSettings {

    private static final Logger LOG = LoggerFactory.getLogger(BannerSettings.class);
    private static final TypeReference<Map<String, String>> OVERRIDES = new TypeReference<>() {};

    /** How long a read of the settings serves before it is read again. */
    public static final Duration CACHED_FOR = Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;
    private final TenantService tenants;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Cache<UUID, Branding> brandings = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(CACHED_FOR)
            .build();
    private final Cache<MailboxKey, Optional<Locale>> locales = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterWrite(CACHED_FOR)
            .build();

    public BannerSettings(JdbcTemplate jdbc, TenantService tenants, Clock clock) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** The tenant's branding: its settings, or its name with default colours and wording. Never null. */
    public Branding branding(UUID tenantId) {
        return brandings.get(tenantId, this::readBranding);
    }

    /** The language of a mailbox's owner, else the tenant's default, else null (English). */
    public Locale locale(UUID tenantId, UUID mailboxId) {
        return locales.get(new MailboxKey(tenantId, mailboxId), key -> Optional.ofNullable(readLocale(key)))
                .orElse(null);
    }

    /** Drops what this instance keeps of the tenant's settings, once the edit's transaction has committed. */
    void forget(UUID tenantId) {
        afterCommit(() -> {
            brandings.invalidate(tenantId);
            locales.asMap().keySet().removeIf(key -> key.tenantId().equals(tenantId));
        });
    }

    /** Drops what this instance keeps of one mailbox's language, once the edit's transaction has committed. */
    void forget(UUID tenantId, UUID mailboxId) {
        afterCommit(() -> locales.invalidate(new MailboxKey(tenantId, mailboxId)));
    }

    private static void afterCommit(Runnable forget) {
        // Before the commit too: a read in between must not keep the old value for the whole cache period.
        forget.run();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget.run();
                }
            });
        }
    }

    private Branding readBranding(UUID tenantId) {
        List<Branding> stored = jdbc.query(
                "SELECT display_name, accent, overrides FROM banner_settings WHERE tenant_id = ?",
                (rs, row) -> branding(tenantId, rs.getString(1), rs.getString(2), rs.getString(3)),
                tenantId);
        return stored.isEmpty() ? Branding.named(tenants.require(tenantId).getName()) : stored.getFirst();
    }

    private Locale readLocale(MailboxKey key) {
        UUID tenantId = key.tenantId();
        UUID mailboxId = key.mailboxId();
        List<String> found = jdbc.queryForList(
                "SELECT coalesce((SELECT locale FROM banner_mailbox_locales WHERE tenant_id = ? AND mailbox_id = ?),"
                        + " (SELECT default_locale FROM banner_settings WHERE tenant_id = ?))",
                String.class,
                tenantId,
                mailboxId,
                tenantId);
        String tag = found.isEmpty() ? null : found.getFirst();
        return tag == null ? null : Locale.forLanguageTag(tag);
    }

    /** Records the language of a mailbox's owner (a connector reads it from the platform's mailbox settings). */
    public void saveLocale(UUID tenantId, UUID mailboxId, Locale locale) {
        jdbc.update(
                "INSERT INTO banner_mailbox_locales (tenant_id, mailbox_id, locale, updated_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, mailbox_id) DO UPDATE SET locale = excluded.locale,"
                        + " updated_at = excluded.updated_at",
                tenantId,
                mailboxId,
                locale.toLanguageTag(),
                Timestamp.from(clock.instant()));
        forget(tenantId, mailboxId);
    }

    private Branding branding(UUID tenantId, String displayName, String accent, String overridesJson) {
        String name = displayName == null ? tenants.require(tenantId).getName() : displayName;
        Map<String, String> overrides = json.readValue(overridesJson, OVERRIDES);
        try {
            return new Branding(name, accent == null ? null : Colour.parse(accent), overrides);
        } catch (IllegalArgumentException e) {
            // Stored before a stricter check, or edited by hand: the banner still goes out, in default colours.
            LOG.error("event=banner_branding_invalid tenant={} error={}", tenantId, e.getMessage());
            return new Branding(name, null, overrides);
        }
    }

    private record MailboxKey(UUID tenantId, UUID mailboxId) {}
}
