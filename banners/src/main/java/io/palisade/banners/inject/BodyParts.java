package io.palisade.banners.inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.dom.field.FieldName;

/** Finds where a banner goes (the displayed body parts) and whether the message is signed or encrypted. */
final class BodyParts {
    /** Deeper MIME trees are not followed; real mail nests a handful of levels. */
    static final int MAX_DEPTH = 40;

    private BodyParts() {}

    /** A reason the whole message must stay as it is, or empty. */
    record Protection(UntouchedReason reason, String detail) {}

    /**
     * Looks for S/MIME and PGP/MIME structure anywhere outside attachments and attached messages: a change
     * anywhere in a signed message breaks its signature, or shows the reader a partly signed message.
     */
    static Optional<Protection> protection(Entity entity) {
        return protection(entity, 0);
    }

    /**
     * The displayed text parts: text/plain and text/html, every alternative of multipart/alternative, the root of
     * multipart/related, the first part of other multiparts (the rest are attachments or later inline pieces).
     */
    static List<Entity> displayed(Entity entity) {
        List<Entity> parts = new ArrayList<>();
        collect(entity, 0, parts);
        return parts;
    }

    private static Optional<Protection> protection(Entity entity, int depth) {
        String type = mimeType(entity);
        if (type.equals("multipart/signed")) {
            return Optional.of(new Protection(UntouchedReason.SIGNED, "multipart/signed " + protocol(entity)));
        }
        if (type.equals("multipart/encrypted")) {
            return Optional.of(new Protection(UntouchedReason.ENCRYPTED, "multipart/encrypted " + protocol(entity)));
        }
        if (type.equals("application/pkcs7-mime") || type.equals("application/x-pkcs7-mime")) {
            boolean signedOnly = "signed-data".equalsIgnoreCase(parameter(entity, "smime-type"));
            return Optional.of(new Protection(
                    signedOnly ? UntouchedReason.SIGNED : UntouchedReason.ENCRYPTED, type + " (S/MIME)"));
        }
        if (depth >= MAX_DEPTH || isAttachment(entity) || !(entity.getBody() instanceof Multipart multipart)) {
            return Optional.empty();
        }
        for (Entity part : multipart.getBodyParts()) {
            Optional<Protection> found = protection(part, depth + 1);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static void collect(Entity entity, int depth, List<Entity> parts) {
        if (depth >= MAX_DEPTH || isAttachment(entity)) {
            return;
        }
        String type = mimeType(entity);
        if (type.equals("text/plain") || type.equals("text/html")) {
            parts.add(entity);
            return;
        }
        if (!(entity.getBody() instanceof Multipart multipart)
                || multipart.getBodyParts().isEmpty()) {
            return;
        }
        if (type.equals("multipart/alternative")) {
            for (Entity alternative : multipart.getBodyParts()) {
                collect(alternative, depth + 1, parts);
            }
        } else {
            // multipart/mixed and unknown multiparts: the first part is the body. multipart/related: the first
            // part is the root unless its "start" parameter names another.
            // Not yet: "start" is not followed; a related message rooted elsewhere gets its banner in the first part.
            collect(multipart.getBodyParts().get(0), depth + 1, parts);
        }
    }

    private static boolean isAttachment(Entity entity) {
        return "attachment".equalsIgnoreCase(entity.getDispositionType());
    }

    private static String mimeType(Entity entity) {
        String type = entity.getMimeType();
        return type == null ? "text/plain" : type.toLowerCase(Locale.ROOT);
    }

    private static String protocol(Entity entity) {
        String protocol = parameter(entity, "protocol");
        if (protocol == null) {
            return "";
        }
        // The parameter comes from the sender; keep only what a protocol name can contain before it is logged.
        String clean = protocol.replaceAll("[^A-Za-z0-9/+.-]", "");
        return "protocol=" + clean.substring(0, Math.min(clean.length(), 60));
    }

    private static String parameter(Entity entity, String name) {
        if (entity.getHeader() != null
                && entity.getHeader().getField(FieldName.CONTENT_TYPE) instanceof ContentTypeField type) {
            return type.getParameter(name);
        }
        return null;
    }
}
