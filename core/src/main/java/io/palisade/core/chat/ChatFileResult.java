package io.palisade.core.chat;

import io.palisade.detection.api.RiskLevel;
import java.util.Optional;

/**
 * What became of one chat file.
 *
 * @param scanned whether the file was scanned; false for a file kept out of the scanner (too large)
 * @param level the verdict's level, empty when not scanned
 * @param reason why it was not scanned, empty when scanned
 */
public record ChatFileResult(boolean scanned, Optional<RiskLevel> level, Optional<String> reason) {

    /** Whether the file was scanned and found malicious. */
    public boolean malicious() {
        return level.filter(l -> l == RiskLevel.MALICIOUS).isPresent();
    }
}
