package io.palisade.core.clawback;

import io.palisade.core.action.ActionKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A clawback and the state of each of its copies.
 *
 * @param campaignId null when the clawback covers one message's copies
 * @param searching true while the platform is still being searched for copies Palisade had not seen
 * @param counts how many copies are in each state, every state present
 */
public record ClawbackProgress(
        UUID id,
        UUID tenantId,
        UUID campaignId,
        ActionKind kind,
        String requestedBy,
        Instant createdAt,
        boolean searching,
        Map<CopyState, Integer> counts,
        List<Copy> copies) {

    /** Copies in a final state (anything but PENDING). */
    public int finished() {
        return copies.size() - counts.get(CopyState.PENDING);
    }

    /**
     * One copy.
     *
     * @param reason why it failed or was skipped; null otherwise
     */
    public record Copy(UUID mailItemId, UUID actionId, String mailbox, CopyState state, String reason, int attempts) {}
}
