package io.palisade.core.scan;

import io.palisade.core.crypto.TenantKeys;
import io.palisade.core.pipeline.PipelineProperties;
import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.analysis.Analyzers;
import io.palisade.detection.analysis.banner.HmacBannerMarkers;
import io.palisade.detection.engine.DefaultScanner;
import io.palisade.detection.parse.ParseLimits;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scanner the pipeline uses: the detection engine with the classpath's rule pack and signal catalogue and
 * the standard analyzers in layer order, the banner-imitation layer checking markers against each tenant's
 * banner key. Built once at start-up; an invalid rule or catalogue stops start-up.
 */
@Configuration(proxyBeanMethods = false)
public class DetectionConfiguration {

    /** The purpose under which {@link TenantKeys} keeps the key that signs a tenant's banner markers. */
    public static final String BANNER_MARKER_KEY = "banner-marker";

    @Bean
    DefaultScanner scanner(TenantKeys keys, PipelineProperties pipeline) {
        List<Analyzer> layers = Analyzers.defaults(new HmacBannerMarkers(tenant -> bannerKey(keys, tenant)));
        return DefaultScanner.builder()
                .limits(ParseLimits.defaults().withTimeBudget(pipeline.scanTimeBudget()))
                .prefilter(layers.subList(0, 1))
                .analyzers(layers.subList(1, layers.size()))
                .build();
    }

    /** The key of the tenant a marker names; empty for a name that is no tenant id or a tenant with no banners. */
    private static Optional<byte[]> bannerKey(TenantKeys keys, String tenant) {
        try {
            return keys.existing(UUID.fromString(tenant), BANNER_MARKER_KEY);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
