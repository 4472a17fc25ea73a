package io.palisade.detection.engine;

import io.palisade.detection.analysis.Findings;
import io.palisade.detection.api.IndicatorKey;
import io.palisade.detection.score.SignalCatalogue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The findings of one scan. A signal the catalogue does not list is a programming error: in strict mode (tests)
 * it throws; otherwise it is dropped and logged once per name for the life of the scanner. Not thread-safe: one
 * per scan. Analyzer tests use {@link #strict(SignalCatalogue)} to check that they report only catalogued signals.
 */
public final class FindingsCollector implements Findings {

    private static final Logger LOG = LoggerFactory.getLogger(FindingsCollector.class);
    private static final int MAX_FINDINGS = 1000;
    private static final int MAX_DETAIL_CHARS = 200;
    // Body links, PDF and QR links, and archive entries together: above the prefilter's 500 links and their hosts.
    private static final int MAX_CARRIED = 2000;

    private final SignalCatalogue catalogue;
    private final Set<String> extraSignals;
    private final boolean strict;
    private final Set<String> reportedUnknown;
    private final List<Finding> findings = new ArrayList<>();
    private final List<Finding> view = Collections.unmodifiableList(findings);
    private final Set<IndicatorKey> carried = new LinkedHashSet<>();

    FindingsCollector(SignalCatalogue catalogue, Set<String> extraSignals, boolean strict, Set<String> reported) {
        this.catalogue = catalogue;
        this.extraSignals = extraSignals;
        this.strict = strict;
        this.reportedUnknown = reported;
    }

    /** A collector that throws {@link UnknownSignalException} for a signal the catalogue does not list. */
    public static FindingsCollector strict(SignalCatalogue catalogue) {
        return new FindingsCollector(catalogue, Set.of(), true, newReportedSet());
    }

    /** A set that remembers the unknown names already logged; shared by the collectors of one scanner. */
    static Set<String> newReportedSet() {
        return ConcurrentHashMap.newKeySet();
    }

    @Override
    public void add(String signal, String detail) {
        Objects.requireNonNull(signal, "signal");
        if (!catalogue.contains(signal) && !extraSignals.contains(signal)) {
            if (strict) {
                throw new UnknownSignalException(signal);
            }
            if (reportedUnknown.add(signal)) {
                LOG.error("event=unknown_signal signal={} action=dropped", signal);
            }
            return;
        }
        if (findings.size() < MAX_FINDINGS) {
            findings.add(new Finding(signal, cut(detail == null ? "" : detail)));
        }
    }

    @Override
    public List<Finding> all() {
        return view;
    }

    @Override
    public void carries(IndicatorKey key) {
        if (carried.size() < MAX_CARRIED) {
            carried.add(Objects.requireNonNull(key, "key"));
        }
    }

    @Override
    public List<IndicatorKey> carried() {
        return List.copyOf(carried);
    }

    /** The distinct signal names so far, in the order first reported. */
    List<String> names() {
        return findings.stream().map(Finding::signal).distinct().toList();
    }

    private static String cut(String detail) {
        return detail.length() <= MAX_DETAIL_CHARS ? detail : detail.substring(0, MAX_DETAIL_CHARS);
    }
}
