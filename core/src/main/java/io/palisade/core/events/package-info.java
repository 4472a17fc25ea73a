/**
 * Verdict changes across instances: after commit each instance sends a tenant-scoped PostgreSQL NOTIFY, and every
 * other instance republishes it in process as a remote {@link io.palisade.core.verdict.VerdictChanged} (a mail item's)
 * or {@link io.palisade.core.chat.ChatVerdictChanged} (a chat item's).
 */
package io.palisade.core.events;
