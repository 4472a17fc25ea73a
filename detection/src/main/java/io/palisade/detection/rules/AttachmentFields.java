package io.palisade.detection.rules;

import io.palisade.detection.model.Attachment;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An attachment as a CEL map. The detected type costs a content sniff, so it is worked out only when a rule reads
 * it, once. Used by one scan's thread only.
 */
final class AttachmentFields extends AbstractMap<String, Object> {

    private static final String DETECTED_TYPE = "detected_type";
    private static final String TEXT = "text";
    private static final Set<String> KEYS =
            Set.of("name", "extension", "declared_type", DETECTED_TYPE, "size", "sha256", "inline", TEXT);

    private final Attachment attachment;
    private String detectedType;
    private String text;

    AttachmentFields(Attachment attachment) {
        this.attachment = attachment;
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        return switch (name) {
            case "name" -> attachment.name();
            case "extension" -> attachment.extension();
            case "declared_type" -> attachment.declaredType();
            case DETECTED_TYPE -> detectedType();
            case "size" -> (long) attachment.content().length;
            case "sha256" -> attachment.sha256();
            case "inline" -> attachment.inline();
            case TEXT -> text();
            default -> null;
        };
    }

    @Override
    public boolean containsKey(Object key) {
        return KEYS.contains(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String key : KEYS) {
            all.put(key, get(key));
        }
        return all.entrySet();
    }

    private String text() {
        if (text == null) {
            text = AttachmentText.of(attachment, this::detectedType);
        }
        return text;
    }

    private String detectedType() {
        if (detectedType == null) {
            detectedType = TypeDetector.detect(attachment.content());
        }
        return detectedType;
    }
}
