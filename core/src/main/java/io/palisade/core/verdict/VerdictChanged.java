package io.palisade.core.verdict;

import io.palisade.detection.api.RiskLevel;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A mail item got a new verdict version. {@link VerdictService} publishes it in process, inside the transaction
 * that stores the version: listeners that act on it use {@code @TransactionalEventListener} (after commit) so
 * they never see a verdict that was rolled back. The cross-instance bridge republishes it on every other
 * instance with {@code remote} set, so work that must happen once (a mailbox write) listens to local events
 * only, while views (live banner pages, the console) listen to both.
 *
 * @param previousLevel the level before this version, null for the first verdict of the item
 * @param causedBy who or what caused it (an analyst's name, an indicator id), may be null
 * @param remote true when the change was made by another instance
 */
public record VerdictChanged(
        UUID tenantId,
        UUID mailItemId,
        int version,
        RiskLevel previousLevel,
        RiskLevel level,
        int score,
        VerdictCause cause,
        String causedBy,
        Instant at,
        boolean remote) {

    public VerdictChanged {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(mailItemId, "mailItemId");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(at, "at");
    }

    /** True when the level differs from the previous version's (always true for the first verdict). */
    public boolean levelChanged() {
        return previousLevel != level;
    }

    /** The same change as seen by another instance. */
    public VerdictChanged asRemote() {
        return new VerdictChanged(
                tenantId, mailItemId, version, previousLevel, level, score, cause, causedBy, at, true);
    }
}
