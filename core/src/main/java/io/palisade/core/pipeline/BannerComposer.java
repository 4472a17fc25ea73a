package io.palisade.core.pipeline;

import io.palisade.core.mail.MailItem;
import io.palisade.core.verdict.VerdictVersion;
import java.util.Optional;

/**
 * Rewrites a message with a warning banner for its current verdict. Implemented by the {@code banners} module;
 * core calls it when a banner action runs.
 */
public interface BannerComposer {

    /**
     * Composes the bannered message.
     *
     * @param item the mail item, never null
     * @param verdict its current verdict, never null
     * @param originalMime the message as delivered (without any banner of ours), never null
     * @return the rewritten MIME, or empty when the message must stay untouched (signed or encrypted mail); the
     *     composer logs the reason
     */
    Optional<byte[]> compose(MailItem item, VerdictVersion verdict, byte[] originalMime);
}
