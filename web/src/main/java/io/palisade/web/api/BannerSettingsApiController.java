package io.palisade.web.api;

import io.palisade.banners.live.BannerSettingsConflictException;
import io.palisade.banners.live.BannerSettingsDocument;
import io.palisade.banners.live.BannerSettingsEdits;
import io.palisade.banners.live.MailboxLocale;
import io.palisade.banners.live.TenantBannerSettings;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's banner settings (name, accent colour, default language, wording overrides) as versions, and the
 * language of each mailbox's owner. An edit names the version it started from ({@code expectedVersion}); if another
 * edit came first the answer is 409 and nothing changes. Invalid settings get 400 listing every problem.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/banner-settings")
public class BannerSettingsApiController {

    private static final Logger LOG = LoggerFactory.getLogger(BannerSettingsApiController.class);

    private final BannerSettingsEdits edits;
    private final MessageLocator locator;

    public BannerSettingsApiController(BannerSettingsEdits edits, MessageLocator locator) {
        this.edits = edits;
        this.locator = locator;
    }

    /** The settings in force (version 0: nothing saved, the defaults). */
    @GetMapping
    public TenantBannerSettings current(@PathVariable UUID tenantId) {
        return edits.current(locator.requireTenant(tenantId));
    }

    /** Every saved version, newest first. */
    @GetMapping("/history")
    public List<TenantBannerSettings> history(@PathVariable UUID tenantId) {
        return edits.history(locator.requireTenant(tenantId));
    }

    /** Saves a new version; the next banner and live-page view use it. */
    @PutMapping
    public TenantBannerSettings save(
            @PathVariable UUID tenantId,
            @RequestParam(required = false) Integer expectedVersion,
            @RequestBody BannerSettingsDocument settings,
            Principal admin) {
        return edits.save(locator.requireTenant(tenantId), settings, expectedVersion, admin.getName());
    }

    /** The languages recorded for the tenant's mailboxes. */
    @GetMapping("/mailbox-locales")
    public List<MailboxLocale> mailboxLocales(@PathVariable UUID tenantId) {
        return edits.mailboxLocales(locator.requireTenant(tenantId));
    }

    /** Records the language of a mailbox's owner: {@code {"locale":"fr-CA"}}. 404 for another tenant's mailbox. */
    @PutMapping("/mailbox-locales/{mailboxId}")
    public MailboxLocale saveMailboxLocale(
            @PathVariable UUID tenantId,
            @PathVariable UUID mailboxId,
            @RequestBody LocaleRequest request,
            Principal admin) {
        return edits.saveMailboxLocale(locator.requireTenant(tenantId), mailboxId, request.locale(), admin.getName());
    }

    /** Forgets a mailbox's language (its banners follow the tenant's default); 204, or 404 when none was set. */
    @DeleteMapping("/mailbox-locales/{mailboxId}")
    public ResponseEntity<Void> clearMailboxLocale(
            @PathVariable UUID tenantId, @PathVariable UUID mailboxId, Principal admin) {
        boolean removed = edits.clearMailboxLocale(locator.requireTenant(tenantId), mailboxId, admin.getName());
        return removed
                ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    @ExceptionHandler(BannerSettingsConflictException.class)
    ResponseEntity<Map<String, String>> conflict(BannerSettingsConflictException e) {
        LOG.info("event=banner_settings_conflict error={}", e.getMessage());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }

    /** The body of a mailbox-language edit. */
    public record LocaleRequest(String locale) {}
}
