package io.palisade.detection.engine;

import io.palisade.detection.analysis.Findings;
import io.palisade.detection.api.ScanContext;
import io.palisade.detection.model.ParsedMessage;
import java.util.List;
import java.util.Set;

/**
 * The machine-learning stage, run after the rules: it sees the message and every finding so far and may add its
 * own. No model ships yet; this is the hook a trained model plugs into. Implementations are thread-safe.
 */
public interface ModelStage {

    /** A short stable name for logs and timings. */
    String name();

    /** The model's version (e.g. a hash of the trained model), recorded in every verdict. */
    String version();

    /** Every signal name the model may report; each must be in the signal catalogue. */
    Set<String> signals();

    /**
     * Evaluates one message.
     *
     * @param message the parsed message, never null
     * @param context the tenant's context, never null
     * @param soFar the findings of the earlier stages, in order, never null
     * @param findings where to report, never null
     */
    void evaluate(ParsedMessage message, ScanContext context, List<Findings.Finding> soFar, Findings findings);
}
