/**
 * The path of a message through Palisade: ingest (store the item, its indicators and raw MIME), scan, record the
 * verdict, turn it into actions by policy (written in the same transaction: an outbox), and run those actions
 * through the platform's connector.
 */
package io.palisade.core.pipeline;
