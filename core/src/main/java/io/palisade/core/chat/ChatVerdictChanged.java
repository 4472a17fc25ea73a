package io.palisade.core.chat;

import io.palisade.core.verdict.VerdictCause;
import io.palisade.detection.api.RiskLevel;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A chat item got a new verdict version: the chat counterpart of {@link io.palisade.core.verdict.VerdictChanged}.
 * {@link ChatVerdicts} publishes it in process inside the transaction that stores the version, so listeners that act
 * on it use {@code @TransactionalEventListener} (after commit) and never see a version that was rolled back. The
 * cross-instance bridge ({@code core/events}) republishes it on every other instance with {@code remote} set; views
 * (the console's chat pages) listen to both.
 *
 * @param previousLevel the level before this version, null for the item's first verdict
 * @param remote true when the change was made by another instance
 */
public record ChatVerdictChanged(
        UUID tenantId,
        UUID chatItemId,
        int version,
        RiskLevel previousLevel,
        RiskLevel level,
        VerdictCause cause,
        Instant at,
        boolean remote) {

    public ChatVerdictChanged {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(chatItemId, "chatItemId");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(at, "at");
    }

    /** True when the level differs from the previous version's (always true for the first verdict). */
    public boolean levelChanged() {
        return previousLevel != level;
    }

    /** The same change as seen by another instance. */
    public ChatVerdictChanged asRemote() {
        return new ChatVerdictChanged(tenantId, chatItemId, version, previousLevel, level, cause, at, true);
    }
}
