/**
 * Palisade's domain and persistence: tenants, mailboxes, mail items and their indicators, verdict history,
 * actions, the audit log, the durable work queue, secret encryption and the {@code MailboxConnector} contract that
 * provider connectors implement. Every repository method takes the tenant.
 */
package io.palisade.core;
