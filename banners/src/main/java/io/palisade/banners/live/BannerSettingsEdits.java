package io.palisade.banners.live;

import io.palisade.banners.render.Branding;
import io.palisade.banners.render.Wording;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.mailbox.MailboxRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * An administrator's edits of a tenant's banner settings and of its mailboxes' languages. Settings are kept as
 * versions, as policies are: an edit adds a version and names the one it started from, nothing is overwritten, and
 * every edit is in the tenant's audit log. {@link BannerSettings} reads the version in force, and forgets what it
 * kept of a tenant's settings on every edit.
 */
@Service
public class BannerSettingsEdits {

    private static final Logger LOG = LoggerFactory.getLogger(BannerSettingsEdits.class);
    private static final TypeReference<Map<String, String>> OVERRIDES = new TypeReference<>() {};
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final MailboxRepository mailboxes;
    private final AuditLog audit;
    private final Clock clock;
    private final BannerSettings settings;

    public BannerSettingsEdits(
            JdbcTemplate jdbc, MailboxRepository mailboxes, AuditLog audit, Clock clock, BannerSettings settings) {
        this.jdbc = jdbc;
        this.mailboxes = mailboxes;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    /** The version in force: the newest saved, or version 0 (defaults). Never null. */
    @Transactional(readOnly = true)
    public TenantBannerSettings current(UUID tenantId) {
        List<TenantBannerSettings> newest = jdbc.query(
                "SELECT * FROM banner_settings_versions WHERE tenant_id = ? ORDER BY version DESC LIMIT 1",
                this::version,
                tenantId);
        return newest.isEmpty()
                ? new TenantBannerSettings(tenantId, 0, BannerSettingsDocument.defaults(), "default", null)
                : newest.getFirst();
    }

    /** Every saved version, newest first. */
    @Transactional(readOnly = true)
    public List<TenantBannerSettings> history(UUID tenantId) {
        return jdbc.query(
                "SELECT * FROM banner_settings_versions WHERE tenant_id = ? ORDER BY version DESC",
                this::version,
                tenantId);
    }

    /**
     * Saves a new version and puts it in force.
     *
     * @param expectedVersion the version the editor started from; null to skip the check
     * @param actor who saves it, never null
     * @throws IllegalArgumentException when the settings are invalid; the message lists every problem
     * @throws BannerSettingsConflictException when another edit came first
     */
    @Transactional
    public TenantBannerSettings save(
            UUID tenantId, BannerSettingsDocument settings, Integer expectedVersion, String actor) {
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid banner settings: " + String.join("; ", problems));
        }
        int current = current(tenantId).version();
        if (expectedVersion != null && expectedVersion != current) {
            throw new BannerSettingsConflictException(
                    "banner settings are at version " + current + ", the edit was based on version " + expectedVersion);
        }
        int next = current + 1;
        Instant now = clock.instant();
        insertVersion(tenantId, next, settings, actor, now);
        putInForce(tenantId, next, settings, actor, now);
        this.settings.forget(tenantId);
        audit.record(tenantId, actor, "banner_settings.saved", "banner_settings:" + next, summary(settings));
        LOG.info(
                "event=banner_settings_saved tenant={} version={} overrides={}",
                tenantId,
                next,
                settings.overrides().size());
        return new TenantBannerSettings(tenantId, next, settings, actor, now);
    }

    /** The languages recorded for the tenant's mailboxes, by address. */
    @Transactional(readOnly = true)
    public List<MailboxLocale> mailboxLocales(UUID tenantId) {
        return jdbc.query(
                "SELECT l.mailbox_id, m.address, l.locale, l.updated_at FROM banner_mailbox_locales l"
                        + " JOIN mailboxes m ON m.tenant_id = l.tenant_id AND m.id = l.mailbox_id"
                        + " WHERE l.tenant_id = ? ORDER BY m.address",
                (rs, row) -> new MailboxLocale(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        bannerLanguage(Locale.forLanguageTag(rs.getString(3))),
                        rs.getTimestamp(4).toInstant()),
                tenantId);
    }

    /**
     * Records the language of a mailbox's owner. Any well-formed language is kept (it is the owner's); one without
     * banner wording is read in English, which the answer says.
     *
     * @throws NoSuchElementException when the tenant has no such mailbox
     * @throws IllegalArgumentException when {@code tag} is not a BCP 47 language tag
     */
    @Transactional
    public MailboxLocale saveMailboxLocale(UUID tenantId, UUID mailboxId, String tag, String actor) {
        String address = requireMailbox(tenantId, mailboxId);
        Locale locale = parseLocale(tag);
        Instant now = clock.instant();
        jdbc.update(
                "INSERT INTO banner_mailbox_locales (tenant_id, mailbox_id, locale, updated_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, mailbox_id) DO UPDATE SET locale = excluded.locale,"
                        + " updated_at = excluded.updated_at",
                tenantId,
                mailboxId,
                locale.toLanguageTag(),
                Timestamp.from(now));
        settings.forget(tenantId, mailboxId);
        audit.record(tenantId, actor, "banner_settings.mailbox_locale", "mailbox:" + mailboxId, locale.toLanguageTag());
        return new MailboxLocale(mailboxId, address, locale.toLanguageTag(), bannerLanguage(locale), now);
    }

    /**
     * Forgets a mailbox's language: its banners follow the tenant's default again.
     *
     * @return whether one was recorded
     * @throws NoSuchElementException when the tenant has no such mailbox
     */
    @Transactional
    public boolean clearMailboxLocale(UUID tenantId, UUID mailboxId, String actor) {
        requireMailbox(tenantId, mailboxId);
        int removed = jdbc.update(
                "DELETE FROM banner_mailbox_locales WHERE tenant_id = ? AND mailbox_id = ?", tenantId, mailboxId);
        if (removed > 0) {
            settings.forget(tenantId, mailboxId);
            audit.record(tenantId, actor, "banner_settings.mailbox_locale", "mailbox:" + mailboxId, "cleared");
        }
        return removed > 0;
    }

    private String requireMailbox(UUID tenantId, UUID mailboxId) {
        return mailboxes
                .findByTenantIdAndId(tenantId, mailboxId)
                .orElseThrow(() -> new NoSuchElementException("no mailbox " + mailboxId + " in tenant " + tenantId))
                .getAddress();
    }

    private void insertVersion(UUID tenantId, int version, BannerSettingsDocument s, String actor, Instant now) {
        try {
            jdbc.update(
                    "INSERT INTO banner_settings_versions (tenant_id, version, display_name, accent, default_locale,"
                            + " overrides, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)",
                    tenantId,
                    version,
                    s.displayName(),
                    s.accent(),
                    s.defaultLocale(),
                    JSON.writeValueAsString(s.overrides()),
                    actor,
                    Timestamp.from(now));
        } catch (DuplicateKeyException e) {
            throw new BannerSettingsConflictException("another edit saved version " + version + " first");
        }
    }

    private void putInForce(UUID tenantId, int version, BannerSettingsDocument s, String actor, Instant now) {
        jdbc.update(
                "INSERT INTO banner_settings (tenant_id, display_name, accent, default_locale, overrides, updated_at,"
                        + " version, updated_by) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT (tenant_id) DO"
                        + " UPDATE SET display_name = excluded.display_name, accent = excluded.accent,"
                        + " default_locale = excluded.default_locale, overrides = excluded.overrides,"
                        + " updated_at = excluded.updated_at, version = excluded.version,"
                        + " updated_by = excluded.updated_by",
                tenantId,
                s.displayName(),
                s.accent(),
                s.locale() == null ? null : s.locale().toLanguageTag(),
                JSON.writeValueAsString(s.overrides()),
                Timestamp.from(now),
                version,
                actor);
    }

    private TenantBannerSettings version(ResultSet rs, int row) throws SQLException {
        BannerSettingsDocument settings = new BannerSettingsDocument(
                rs.getString("display_name"),
                rs.getString("accent"),
                rs.getString("default_locale"),
                JSON.readValue(rs.getString("overrides"), OVERRIDES));
        return new TenantBannerSettings(
                rs.getObject("tenant_id", UUID.class),
                rs.getInt("version"),
                settings,
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Locale parseLocale(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            throw new IllegalArgumentException("locale must be a BCP 47 language tag of 2 to 35 characters: " + tag);
        }
        try {
            return new Locale.Builder().setLanguageTag(tag).build();
        } catch (IllformedLocaleException e) {
            throw new IllegalArgumentException("locale '" + tag + "' is not a BCP 47 language tag");
        }
    }

    private static String bannerLanguage(Locale locale) {
        return Wording.of(locale, Branding.named("-")).languageTag();
    }

    private static String summary(BannerSettingsDocument s) {
        return "name " + (s.displayName() == null ? "default" : "set") + ", accent "
                + Optional.ofNullable(s.accent()).orElse("default") + ", default language "
                + Optional.ofNullable(s.defaultLocale()).orElse("en") + ", "
                + s.overrides().size()
                + " wording overrides";
    }
}
