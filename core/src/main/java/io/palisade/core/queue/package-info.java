/** The durable work queue in PostgreSQL: idempotent enqueue, leased claims, backoff and dead letters. */
package io.palisade.core.queue;
