package io.palisade.core.pipeline;

import io.palisade.core.mail.MailItem;
import java.util.Optional;

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
     * @return the rewritten MIME, or empty when there is nothing to write: no copy has a verdict yet, or the
     *     message must stay untouched (signed or encrypted mail); the composer logs which
     */
    Optional<byte[]> compose(MailItem item, byte[] originalMime);
}
