package io.palisade.banners.live;

import java.time.Instant;
import java.util.UUID;

/**
 * One version of a tenant's banner settings. Version 0 is the built-in default (nothing saved yet).
 *
 * @param tenantId the tenant, never null
 * @param version 0 for the default, then 1, 2, ... for each saved edit
 * @param settings what was saved, never null
 * @param savedBy who saved it ({@code default} for version 0)
 * @param savedAt when; null for version 0
 */
public record TenantBannerSettings(
        UUID tenantId, int version, BannerSettingsDocument settings, String savedBy, Instant savedAt) {}
