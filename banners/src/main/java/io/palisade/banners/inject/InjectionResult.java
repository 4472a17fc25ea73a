package io.palisade.banners.inject;

import java.util.List;
import java.util.Objects;

/**
 * What the injector did.
 *
 * @param mime the rewritten message, or the original bytes when untouched; never null
 * @param reason why the message is untouched, or null when it was rewritten
 * @param detail a short technical explanation for logs and the audit trail (never message content); never null
 * @param bannersReplaced how many earlier Palisade banners were removed, over all body parts
 * @param trackersDisarmed how many tracking-pixel images were removed
 * @param skippedParts body parts left as they were while others were rewritten, each with its reason; never null
 */
public record InjectionResult(
        byte[] mime,
        UntouchedReason reason,
        String detail,
        int bannersReplaced,
        int trackersDisarmed,
        List<String> skippedParts) {

    public InjectionResult {
        Objects.requireNonNull(mime, "mime");
        Objects.requireNonNull(detail, "detail");
        skippedParts = List.copyOf(skippedParts);
    }

    static InjectionResult untouched(byte[] original, UntouchedReason reason, String detail) {
        return new InjectionResult(original, reason, detail, 0, 0, List.of());
    }

    /** Whether the message was rewritten; if not, {@link #reason()} says why. */
    public boolean rewritten() {
        return reason == null;
    }
}
