package io.palisade.banners.live;

import io.palisade.banners.render.Branding;
import io.palisade.banners.render.Colour;
import io.palisade.core.tenant.TenantService;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's banner branding and wording overrides, and the language each mailbox's owner reads. Both are read on
 * every render, so a change shows in the next banner and on the next page view. Administrators edit them through
 * {@link BannerSettingsEdits} (versioned and audited).
 */
@Component
public class BannerSettings {

    private static final Logger LOG = LoggerFactory.getLogger(BannerSettings.class);
    private static final TypeReference<Map<String, String>> OVERRIDES = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final TenantService tenants;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    public BannerSettings(JdbcTemplate jdbc, TenantService tenants, Clock clock) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** The tenant's branding: its settings, or its name with default colours and wording. Never null. */
    public Branding branding(UUID tenantId) {
        List<Branding> stored = jdbc.query(
                "SELECT display_name, accent, overrides FROM banner_settings WHERE tenant_id = ?",
                (rs, row) -> branding(tenantId, rs.getString(1), rs.getString(2), rs.getString(3)),
                tenantId);
        return stored.isEmpty() ? Branding.named(tenants.require(tenantId).getName()) : stored.getFirst();
    }

    /** The language of a mailbox's owner, else the tenant's default, else null (English). */
    public Locale locale(UUID tenantId, UUID mailboxId) {
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
}
