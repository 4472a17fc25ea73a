package io.palisade.m365.notify;

/**
 * What became of one POST of notifications.
 *
 * @param stored notifications stored as new work
 * @param duplicates notifications already stored before (Graph retried or sent them twice)
 * @param ignored notifications for unknown subscriptions or of kinds Palisade does not act on
 * @param rejected notifications whose clientState did not match: forged, or for a subscription we replaced
 */
public record IntakeResult(int stored, int duplicates, int ignored, int rejected) {

    static IntakeResult empty() {
        return new IntakeResult(0, 0, 0, 0);
    }

    IntakeResult plus(IntakeResult other) {
        return new IntakeResult(
                stored + other.stored,
                duplicates + other.duplicates,
                ignored + other.ignored,
                rejected + other.rejected);
    }
}
