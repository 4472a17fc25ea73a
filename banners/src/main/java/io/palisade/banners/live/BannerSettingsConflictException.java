package io.palisade.banners.live;

/** An edit of a tenant's banner settings started from a version that another edit has replaced since. */
public class BannerSettingsConflictException extends RuntimeException {

    public BannerSettingsConflictException(String message) {
        super(message);
    }
}
