/** The mailboxes of a tenant that Palisade watches. */
package io.palisade.core.mailbox;
