package io.palisade.banners.compose;

import io.palisade.banners.inject.BannerInjector;
import io.palisade.banners.inject.InjectionOptions;
import io.palisade.banners.inject.InjectionResult;
import io.palisade.banners.marker.BannerMarker;
import io.palisade.banners.marker.MarkerKey;
import io.palisade.banners.render.BannerModel;
import io.palisade.banners.render.BannerRenderer;
import io.palisade.banners.render.Branding;
import io.palisade.core.crypto.TenantKeys;
import io.palisade.core.mail.MailItem;
import io.palisade.core.pipeline.BannerComposer;
import io.palisade.core.tenant.TenantService;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Core's {@link BannerComposer}: renders the banner of a message's current verdict from its reasons, signs it with
 * the tenant's marker key and injects it into the message as delivered. A later banner replaces an earlier one.
 */
@Component
public class MarkedBannerComposer implements BannerComposer {

    /** The purpose under which the tenant's marker key is kept. */
    public static final String MARKER_KEY_PURPOSE = "banner-marker";

    private static final Logger LOG = LoggerFactory.getLogger(MarkedBannerComposer.class);
    private static final int MAX_REASONS = 4;

    private final BannerRenderer renderer = new BannerRenderer();
    private final BannerInjector injector = new BannerInjector();
    private final TenantKeys keys;
    private final TenantService tenants;
    private final VerdictService verdicts;

    public MarkedBannerComposer(TenantKeys keys, TenantService tenants, VerdictService verdicts) {
        this.keys = keys;
        this.tenants = tenants;
        this.verdicts = verdicts;
    }

    @Override
    public Optional<byte[]> compose(MailItem item, VerdictVersion verdict, byte[] originalMime) {
        if (verdict.getLevel() == RiskLevel.CLEAN) {
            return Optional.empty();
        }
        MarkerKey key = new MarkerKey(item.getTenantId().toString(), keys.key(item.getTenantId(), MARKER_KEY_PURPOSE));
        String messageKey = item.getId().toString();
        BannerMarker marker = BannerMarker.sign(key, messageKey);
        Branding branding = Branding.named(tenants.require(item.getTenantId()).getName());
        BannerModel model = new BannerModel(verdict.getLevel(), reasons(verdict), null, branding, null, marker);
        InjectionResult result = injector.inject(originalMime, renderer.render(model), InjectionOptions.of(key));
        if (!result.rewritten()) {
            LOG.info(
                    "event=banner_untouched tenant={} mail_item={} reason={}",
                    item.getTenantId(),
                    item.getId(),
                    result.reason());
            return Optional.empty();
        }
        return Optional.of(result.mime());
    }

    private List<String> reasons(VerdictVersion verdict) {
        return verdicts.signals(verdict).stream()
                .map(Signal::reason)
                .distinct()
                .limit(MAX_REASONS)
                .toList();
    }
}
