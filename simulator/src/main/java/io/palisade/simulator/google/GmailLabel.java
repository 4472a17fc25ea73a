package io.palisade.simulator.google;

/**
 * A Gmail label.
 *
 * @param id the label id ({@code INBOX} for system labels, {@code Label_12} for user labels)
 * @param name its display name
 * @param type {@code system} or {@code user}
 */
public record GmailLabel(String id, String name, String type) {

    public boolean isSystem() {
        return "system".equals(type);
    }
}
