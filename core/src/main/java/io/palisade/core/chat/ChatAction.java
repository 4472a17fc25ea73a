package io.palisade.core.chat;

import io.palisade.core.action.ActionKind;
import io.palisade.core.action.ActionStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * An action on a chat item ({@link ActionKind#HIDE} or {@link ActionKind#UNHIDE}), a row of core's {@code actions}
 * table, with its attempts and last error.
 *
 * @param verdictId the verdict version that asked for it; null for an analyst's direct release
 * @param lastError why the last attempt failed or why it was skipped; may be null
 * @param requestedBy {@code policy}, or an analyst's name
 */
public record ChatAction(
        UUID id,
        UUID tenantId,
        UUID chatItemId,
        UUID verdictId,
        ActionKind kind,
        ActionStatus status,
        int attempts,
        String lastError,
        String requestedBy,
        Instant createdAt,
        Instant updatedAt) {}
