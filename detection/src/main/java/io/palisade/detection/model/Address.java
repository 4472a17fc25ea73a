package io.palisade.detection.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A mailbox address as written in a header.
 *
 * @param displayName the display name, never null (empty when none)
 * @param address the address, lower case, never null (empty when unparseable)
 */
public record Address(String displayName, String address) {
    public Address {
        Objects.requireNonNull(displayName, "displayName");
        address = Objects.requireNonNull(address, "address").toLowerCase(Locale.ROOT);
    }

    /** The domain part, lower case, or empty. */
    public String domain() {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }

    /** The local part, or the whole address when it has no {@code @}. */
    public String localPart() {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }
}
