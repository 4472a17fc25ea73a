package io.palisade.banners.compose;

import io.palisade.banners.inject.BannerInjector;
import io.palisade.banners.inject.InjectionOptions;
import io.palisade.banners.inject.InjectionResult;
import io.palisade.banners.live.BannerSettings;
import io.palisade.banners.live.BannerState;
import io.palisade.banners.live.BannerStates;
import io.palisade.banners.marker.BannerMarker;
import io.palisade.banners.marker.MarkerKey;
import io.palisade.banners.render.BannerModel;
import io.palisade.banners.render.BannerRenderer;
import io.palisade.banners.render.Branding;
import io.palisade.banners.render.Wording;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.crypto.TenantKeys;
import io.palisade.core.mail.MailItem;
import io.palisade.core.pipeline.BannerComposer;
import io.palisade.core.pipeline.BannerComposer.Composition;
import io.palisade.core.scan.DetectionConfiguration;
import io.palisade.detection.api.RiskLevel;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Core's {@link BannerComposer}: renders the banner of the message's current state (the newest verdict of any copy,
 * see {@link BannerStates}) from its reasons, in the recipient's language and the tenant's branding, with a link
 * to the live page; signs it with the tenant's marker key, disarms the tracking pixels detection finds, and
 * injects it into the message as delivered. A later banner replaces an earlier one.
 *
 * <p>When the state is CLEAN the message as delivered is returned: writing it back removes the banner.
 */
@Component
public class MarkedBannerComposer implements BannerComposer {

    private static final Logger LOG = LoggerFactory.getLogger(MarkedBannerComposer.class);

    private final BannerRenderer renderer = new BannerRenderer();
    private final BannerInjector injector = new BannerInjector();
    private final TrackingPixels pixels = new TrackingPixels();
    private final TenantKeys keys;
    private final BannerStates states;
    private final BannerSettings settings;
    private final LivePageLinks links;
    private final AuditLog audit;

    public MarkedBannerComposer(
            TenantKeys keys, BannerStates states, BannerSettings settings, LivePageLinks links, AuditLog audit) {
        this.keys = keys;
        this.states = states;
        this.settings = settings;
        this.links = links;
        this.audit = audit;
    }

    @Override
    public Composition compose(MailItem item, byte[] originalMime) {
        Optional<BannerState> current = states.current(item);
        if (current.isEmpty()) {
            LOG.warn("event=banner_skipped tenant={} mail_item={} reason=no_verdict", item.getTenantId(), item.getId());
            return Composition.untouched("no verdict yet");
        }
        BannerState state = current.get();
        if (state.level() == RiskLevel.CLEAN) {
            LOG.info("event=banner_removed tenant={} mail_item={}", item.getTenantId(), item.getId());
            return Composition.of(originalMime);
        }
        MarkerKey key = new MarkerKey(
                item.getTenantId().toString(), keys.key(item.getTenantId(), DetectionConfiguration.BANNER_MARKER_KEY));
        BannerMarker marker = BannerMarker.sign(key, item.getId().toString());
        Branding branding = settings.branding(item.getTenantId());
        Locale locale = settings.locale(item.getTenantId(), item.getMailboxId());
        BannerModel model = new BannerModel(
                state.level(),
                Wording.of(locale, branding).reasons(state.signals()),
                links.forItem(item.getTenantId(), item.getId()),
                branding,
                locale,
                marker);
        InjectionOptions options =
                InjectionOptions.of(key).withTrackingPixels(pixels.in(item.getTenantId(), originalMime));
        InjectionResult result = injector.inject(originalMime, renderer.render(model), options);
        if (!result.rewritten()) {
            return Composition.untouched(untouched(item, result));
        }
        LOG.info(
                "event=banner_composed tenant={} mail_item={} level={} trackers_disarmed={}",
                item.getTenantId(),
                item.getId(),
                state.level(),
                result.trackersDisarmed());
        return Composition.of(result.mime());
    }

    /** Logs and audits why the message stays as it is, and returns that reason for the action's record. */
    private String untouched(MailItem item, InjectionResult result) {
        LOG.info(
                "event=banner_untouched tenant={} mail_item={} reason={}",
                item.getTenantId(),
                item.getId(),
                result.reason());
        // Recorded, so an analyst sees why a signed or encrypted message carries no banner.
        String reason = result.reason() + ": " + result.detail();
        audit.record(item.getTenantId(), "system:banners", "banner.untouched", "mail_item:" + item.getId(), reason);
        return reason;
    }
}
