package io.palisade.core.chat;

import io.palisade.detection.api.RiskLevel;
import java.util.List;
import java.util.Optional;

/**
 * What is recorded of one chat file.
 *
 * @param scanned whether the file was scanned; false for a file kept out of the scanner (too large)
 * @param level the verdict's level, empty when not scanned
 * @param score the verdict's score, 0 when not scanned
 * @param signals the names of the verdict's signals, empty when not scanned
 * @param reason why it was not scanned, empty when scanned
 */
public record ChatFileResult(
        boolean scanned, Optional<RiskLevel> level, int score, List<String> signals, Optional<String> reason) {

    public ChatFileResult {
        signals = List.copyOf(signals);
    }

    /** Whether the file was scanned and found malicious. */
    public boolean malicious() {
        return level.filter(l -> l == RiskLevel.MALICIOUS).isPresent();
    }
}
