package io.palisade.simulator.control;

/**
 * A simulated user with a mailbox.
 *
 * @param id the user's object id (GUID)
 * @param userPrincipalName the sign-in name, which is also the address
 */
public record SimMailbox(String id, String userPrincipalName, String displayName) {}
