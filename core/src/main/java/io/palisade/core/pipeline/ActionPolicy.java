package io.palisade.core.pipeline;

import io.palisade.core.action.ActionKind;
import io.palisade.detection.api.RiskLevel;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns a verdict's level into the actions to take on the message. The default for every tenant: a banner on
 * suspicious and high-risk mail, quarantine for malicious mail.
 */
@Component
public class ActionPolicy {

    // Not yet: per-tenant policies (monitor, banner only, remediate; per-level actions; exclusions) come with the
    // verdict lifecycle; until then every tenant gets this default.
    /** The actions for a message whose verdict is {@code level}, in the order to run them; never null. */
    public List<ActionKind> actionsFor(RiskLevel level) {
        return switch (level) {
            case CLEAN, LOW -> List.of();
            case SUSPICIOUS, HIGH -> List.of(ActionKind.BANNER);
            case MALICIOUS -> List.of(ActionKind.QUARANTINE);
        };
    }
}
