package io.palisade.core.pipeline;

import io.palisade.core.mail.MailItem;
import java.util.Objects;

/**
 * Rewrites a message with a warning banner for its current verdict. Implemented by the {@code banners} module;
 * core calls it when a banner action runs.
 */
public interface BannerComposer {

    /**
     * Composes the bannered message from the message's current verdict, which the composer reads itself (a copy
     * shows the newest verdict of any copy of its message).
     *
     * @param item the mail item, never null
     * @param originalMime the message as delivered (without any banner of ours), never null
     * @return the rewritten MIME, or why there is nothing to write: no copy has a verdict yet, or the message must
     *     stay untouched (signed or encrypted mail); never null
     */
    Composition compose(MailItem item, byte[] originalMime);

    /**
     * What {@link #compose} gave.
     *
     * @param mime the message to write back; null when it stays untouched
     * @param untouchedReason why it stays untouched (for the action's record); null when there is a message
     */
    record Composition(byte[] mime, String untouchedReason) {

        public Composition {
            if ((mime == null) == (untouchedReason == null)) {
                throw new IllegalArgumentException("a composition has either a message or a reason");
            }
        }

        /** The message to write back. */
        public static Composition of(byte[] mime) {
            return new Composition(Objects.requireNonNull(mime, "mime"), null);
        }

        /** Nothing to write, and why (a sentence an analyst reads, e.g. {@code SIGNED: multipart/signed}). */
        public static Composition untouched(String reason) {
            return new Composition(null, Objects.requireNonNull(reason, "reason"));
        }
    }
}
