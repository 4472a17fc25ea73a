package io.palisade.detection.testing;

import io.palisade.detection.config.ResourceFile;
import io.palisade.detection.config.ResourceFolder;
import io.palisade.detection.score.SignalCatalogue;
import java.util.ArrayList;
import java.util.List;

/** The classpath catalogue plus signals that only tests raise. */
public final class TestSignals {

    /** Signals for test analyzers: two ordinary, one composite of them, one forcing, in a capped group. */
    public static final String YAML = """
            groups:
              test:
                cap: 50
            signals:
              TEST_ALPHA:
                description: A test signal
                reason: Alpha found {detail}.
                weight: 30
                group: test
              TEST_BETA:
                description: Another test signal
                reason: Beta found.
                weight: 30
                group: test
              TEST_ALPHA_AND_BETA:
                description: Both test signals
                reason: Alpha and beta found together.
                weight: 45
                group: test
                replaces: [TEST_ALPHA, TEST_BETA]
              TEST_FORCES_HIGH:
                description: A test signal that forces HIGH
                reason: Certainly bad.
                weight: 1
                group: test
                forces: HIGH
              TEST_SEEN:
                description: Reported by the test analyzer that reads every field
                reason: Seen.
                weight: 0
                group: test
            """;

    private TestSignals() {}

    /** The classpath catalogue with the test signals added. */
    public static SignalCatalogue catalogue() {
        List<ResourceFile> files =
                new ArrayList<>(ResourceFolder.fromClasspath(TestSignals.class.getClassLoader(), "signals", ".yaml"));
        files.add(new ResourceFile("signals/test-only.yaml", YAML));
        return SignalCatalogue.of(files);
    }
}
