package io.palisade.core.chat;

import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Verdict;
import java.util.Objects;

/**
 * One chat file just worked, not yet recorded: its verdict, or why it was not scanned. {@link ChatLifecycle} records
 * it together with the message's verdict, in one transaction.
 *
 * @param verdict the scanner's verdict, null when the file was not scanned
 * @param sizeBytes the size, 0 when unknown
 * @param sha256 the content's hash, null when not scanned
 * @param reason why it was not scanned, null when scanned
 */
public record FileScan(ChatFile file, Verdict verdict, long sizeBytes, String sha256, String reason) {

    public FileScan {
        Objects.requireNonNull(file, "file");
        if ((verdict == null) == (reason == null)) {
            throw new IllegalArgumentException("a file scan has either a verdict or a reason, not both or neither");
        }
        sizeBytes = Math.max(0, sizeBytes);
    }

    /** Whether the scanner saw the file. */
    public boolean scanned() {
        return verdict != null;
    }

    /** Whether the file was scanned and found malicious. */
    public boolean malicious() {
        return verdict != null && verdict.level() == RiskLevel.MALICIOUS;
    }
}
