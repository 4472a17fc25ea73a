package io.palisade.detection.cli;

import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.analysis.Analyzers;
import io.palisade.detection.analysis.banner.BannerMarkerVerifier;
import io.palisade.detection.engine.DefaultScanner;
import java.util.List;

/** The scanner the commands measure: every standard layer, the classpath's rule pack, catalogue and scoring. */
final class CliScanner {
    private CliScanner() {}

    static DefaultScanner build() {
        List<Analyzer> layers = Analyzers.defaults(BannerMarkerVerifier.rejectingAll());
        // The first layer is the prefilter (allow, block, indicators); the scanner runs it before the others.
        return DefaultScanner.builder()
                .prefilter(layers.subList(0, 1))
                .analyzers(layers.subList(1, layers.size()))
                .build();
    }
}
