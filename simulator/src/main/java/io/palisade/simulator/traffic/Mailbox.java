package io.palisade.simulator.traffic;

import java.util.Objects;

/**
 * One user of a simulated tenant: an address and the display name shown in mail clients.
 *
 * @param address the SMTP address, never null
 * @param displayName the user's name, never null, may contain any Unicode text
 */
public record Mailbox(String address, String displayName) {

    public Mailbox {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(displayName, "displayName");
        if (address.indexOf('@') <= 0) {
            throw new IllegalArgumentException("not an address: " + address);
        }
    }

    /** The part of the address before the {@code @}. */
    public String localPart() {
        return address.substring(0, address.indexOf('@'));
    }

    /** The first word of the display name, used in greetings. */
    public String firstName() {
        int space = displayName.indexOf(' ');
        return space > 0 ? displayName.substring(0, space) : displayName;
    }
}
