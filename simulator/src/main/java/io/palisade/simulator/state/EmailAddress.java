package io.palisade.simulator.state;

/**
 * A mailbox address with its display name.
 *
 * @param name the display name; may be empty, never null
 * @param address the address; never null
 */
public record EmailAddress(String name, String address) {

    public EmailAddress {
        name = name == null ? "" : name;
        address = address == null ? "" : address;
    }
}
