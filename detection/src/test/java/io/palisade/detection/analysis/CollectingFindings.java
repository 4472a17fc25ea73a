package io.palisade.detection.analysis;

import java.util.ArrayList;
import java.util.List;

/** A plain {@link Findings} for analyzer tests. */
public final class CollectingFindings implements Findings {
    private final List<Finding> findings = new ArrayList<>();

    @Override
    public void add(String signal, String detail) {
        findings.add(new Finding(signal, detail));
    }

    @Override
    public List<Finding> all() {
        return List.copyOf(findings);
    }

    /** The names of the signals reported, in order. */
    public List<String> signals() {
        return findings.stream().map(Finding::signal).toList();
    }

    /** The details reported for one signal. */
    public List<String> details(String signal) {
        return findings.stream()
                .filter(f -> f.signal().equals(signal))
                .map(Finding::detail)
                .toList();
    }
}
