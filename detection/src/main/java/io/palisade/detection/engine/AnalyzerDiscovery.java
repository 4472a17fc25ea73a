package io.palisade.detection.engine;

import io.palisade.detection.analysis.Analyzer;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds the analyzers on the classpath through {@link ServiceLoader}: each is listed, in layer order, in
 * {@code META-INF/services/io.palisade.detection.analysis.Analyzer} and has a public no-argument constructor.
 */
public final class AnalyzerDiscovery {

    private AnalyzerDiscovery() {}

    /** Every analyzer listed on the classpath, in the order listed. */
    public static List<Analyzer> discover() {
        return ServiceLoader.load(Analyzer.class, AnalyzerDiscovery.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
    }
}
