/**
 * The simulator's state: tenants, applications, mailboxes, folders, messages and subscriptions, in
 * memory, per tenant and safe for concurrent use. Mutations of one mailbox take that mailbox's lock;
 * readers see immutable message snapshots.
 */
package io.palisade.simulator.state;
