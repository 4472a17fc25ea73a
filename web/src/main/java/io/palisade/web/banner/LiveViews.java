package io.palisade.web.banner;

import io.palisade.banners.live.BannerSettings;
import io.palisade.banners.live.BannerState;
import io.palisade.banners.render.Branding;
import io.palisade.banners.render.Wording;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Turns a message's banner state into what the page shows, in the recipient's language and tenant's wording. */
@Component
class LiveViews {

    private final BannerSettings settings;

    LiveViews(BannerSettings settings) {
        this.settings = settings;
    }

    /** The recipient's locale: the mailbox's, else the tenant's default, else the browser's, else English. */
    Locale localeOf(UUID tenantId, UUID mailboxId, Locale browser) {
        Locale stored = settings.locale(tenantId, mailboxId);
        return stored != null ? stored : browser == null ? Locale.ENGLISH : browser;
    }

    Wording wording(UUID tenantId, Locale locale) {
        return Wording.of(locale, settings.branding(tenantId));
    }

    Branding branding(UUID tenantId) {
        return settings.branding(tenantId);
    }

    LiveView view(BannerState state, Wording wording) {
        Locale language = Locale.forLanguageTag(wording.languageTag());
        String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                        .withLocale(language)
                        .withZone(ZoneOffset.UTC)
                        .format(state.decidedAt())
                + " UTC";
        return new LiveView(
                state.level().name(),
                wording.label(state.level()),
                wording.headline(state.level()),
                wording.reasons(state.signals()),
                wording.languageTag(),
                wording.rightToLeft() ? "rtl" : "ltr",
                state.decidedAt().toString(),
                wording.text("page.updated", Map.of("time", when)),
                state.decidedAt().toEpochMilli());
    }
}
