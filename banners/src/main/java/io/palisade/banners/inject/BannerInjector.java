package io.palisade.banners.inject;

import io.palisade.banners.render.RenderedBanner;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts banners into raw MIME messages and takes them out again. Stateless and thread-safe.
 *
 * <p>Never throws on message content: malformed, signed, encrypted or oversized mail comes back untouched with
 * the reason. Injecting twice gives the same bytes as injecting once, because the earlier banner of the same
 * message (found by its verified marker) is replaced.
 *
 * <pre>{@code
 * InjectionResult result = new BannerInjector().inject(rawMime, banner, InjectionOptions.of(tenantKey));
 * if (result.rewritten()) {
 *     connector.replaceBody(message, result.mime());
 * } else {
 *     audit.record(message, result.reason(), result.detail());
 * }
 * }</pre>
 */
public final class BannerInjector {
    private static final Logger LOG = LoggerFactory.getLogger(BannerInjector.class);
    private static final String PGP_SIGNED = "-----BEGIN PGP SIGNED MESSAGE-----";
    private static final String PGP_MESSAGE = "-----BEGIN PGP MESSAGE-----";

    /**
     * Injects {@code banner} at the top of every displayed body part, replacing this message's earlier banner.
     *
     * @param mime the raw message, never null
     * @param banner the rendered banner, never null; its marker names the message
     * @param options keys, trackers and limits, never null
     */
    public InjectionResult inject(byte[] mime, RenderedBanner banner, InjectionOptions options) {
        Objects.requireNonNull(banner, "banner");
        String messageKey = banner.marker().messageKey();
        return run(
                mime, new BannerEdit(banner, messageKey, options.markerKeys(), options.trackingPixelUrls()), options);
    }

    /**
     * Removes this message's banner (when its verdict turned clean), still disarming the given trackers.
     *
     * @return the message without the banner, or untouched with {@link UntouchedReason#NO_BANNER_FOUND}
     */
    public InjectionResult strip(byte[] mime, String messageKey, InjectionOptions options) {
        Objects.requireNonNull(messageKey, "messageKey");
        return run(mime, new BannerEdit(null, messageKey, options.markerKeys(), options.trackingPixelUrls()), options);
    }

    private InjectionResult run(byte[] mime, BannerEdit edit, InjectionOptions options) {
        Objects.requireNonNull(mime, "mime");
        if (mime.length > options.maxMessageBytes()) {
            return untouched(
                    mime,
                    edit,
                    UntouchedReason.TOO_LARGE,
                    "size " + mime.length + " > limit " + options.maxMessageBytes());
        }
        try {
            return rewrite(mime, edit);
        } catch (IOException | RuntimeException e) {
            // mime4j and jsoup report broken structure as exceptions; the message stays as it was.
            LOG.warn(
                    "event=banner_inject outcome=untouched reason=MALFORMED msg={} error={}",
                    edit.messageKey(),
                    e.getClass().getSimpleName());
            return InjectionResult.untouched(
                    mime, UntouchedReason.MALFORMED, e.getClass().getSimpleName());
        }
    }

    private InjectionResult rewrite(byte[] mime, BannerEdit edit) throws IOException {
        Message message = MimeMessages.parse(mime);
        if (message.getHeader() == null || message.getHeader().getFields().isEmpty()) {
            return untouched(mime, edit, UntouchedReason.MALFORMED, "no header fields");
        }
        Optional<BodyParts.Protection> protection = BodyParts.protection(message);
        if (protection.isPresent()) {
            return untouched(
                    mime, edit, protection.get().reason(), protection.get().detail());
        }
        List<Entity> displayed = BodyParts.displayed(message);
        if (displayed.isEmpty()) {
            return untouched(mime, edit, UntouchedReason.NO_TEXT_BODY, "no text/plain or text/html body part");
        }

        List<TextPart> parts = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Entity entity : displayed) {
            TextPart.read(entity).ifPresentOrElse(parts::add, () -> skipped.add(describe(entity)));
        }
        if (parts.isEmpty()) {
            return untouched(mime, edit, UntouchedReason.UNDECODABLE, String.join("; ", skipped));
        }
        Optional<InjectionResult> pgp = pgpInline(mime, edit, parts);
        if (pgp.isPresent()) {
            return pgp.get();
        }
        return apply(mime, message, parts, skipped, edit);
    }

    private InjectionResult apply(
            byte[] mime, Message message, List<TextPart> parts, List<String> skipped, BannerEdit edit)
            throws IOException {
        int replaced = 0;
        int disarmed = 0;
        for (TextPart part : parts) {
            BannerEdit.Outcome outcome = editPart(part, edit);
            replaced += outcome.replaced();
            disarmed += outcome.disarmed();
        }
        if (edit.banner() == null && replaced == 0) {
            return untouched(mime, edit, UntouchedReason.NO_BANNER_FOUND, "no verified banner for this message");
        }
        byte[] rewritten = MimeMessages.write(message, MimeMessages.hasNoCarriageReturn(mime));
        LOG.info(
                "event=banner_inject outcome=rewritten msg={} parts={} replaced={} disarmed={} skipped={} "
                        + "bytes_in={} bytes_out={}",
                edit.messageKey(),
                parts.size(),
                replaced,
                disarmed,
                skipped.size(),
                mime.length,
                rewritten.length);
        return new InjectionResult(
                rewritten, null, "rewrote " + parts.size() + " part(s)", replaced, disarmed, skipped);
    }

    /**
     * Edits one part and writes it back in its own charset when that charset can hold the result, else in UTF-8.
     * The body itself can hold characters its charset cannot re-encode (a decoder accepting more than the encoder
     * writes), so the whole new text is checked, not only the banner.
     */
    private static BannerEdit.Outcome editPart(TextPart part, BannerEdit edit) throws IOException {
        Charset output = part.outputCharset(edit.inserted(part.isHtml()));
        BannerEdit.Outcome outcome = edit(part, edit, output);
        if (!PartCharsets.canEncode(output, outcome.text()) && !output.equals(StandardCharsets.UTF_8)) {
            output = StandardCharsets.UTF_8;
            outcome = edit(part, edit, output);
        }
        part.write(outcome.text(), output);
        return outcome;
    }

    private static BannerEdit.Outcome edit(TextPart part, BannerEdit edit, Charset output) {
        return part.isHtml()
                ? HtmlEditor.edit(part.text(), edit, output, !output.equals(part.charset()))
                : TextEditor.edit(part.text(), edit);
    }

    /** Inline PGP (armour in the body text) is signed or encrypted too, with no MIME structure to show it. */
    private Optional<InjectionResult> pgpInline(byte[] mime, BannerEdit edit, List<TextPart> parts) {
        for (TextPart part : parts) {
            if (part.text().contains(PGP_SIGNED)) {
                return Optional.of(untouched(mime, edit, UntouchedReason.SIGNED, "PGP inline signature"));
            }
            if (part.text().contains(PGP_MESSAGE)) {
                return Optional.of(untouched(mime, edit, UntouchedReason.ENCRYPTED, "PGP inline message"));
            }
        }
        return Optional.empty();
    }

    private static InjectionResult untouched(byte[] mime, BannerEdit edit, UntouchedReason reason, String detail) {
        LOG.info(
                "event=banner_inject outcome=untouched reason={} msg={} detail=\"{}\"",
                reason,
                edit.messageKey(),
                detail);
        return InjectionResult.untouched(mime, reason, detail);
    }

    private static String describe(Entity entity) {
        return entity.getMimeType() + " with undecodable charset or transfer encoding";
    }
}
