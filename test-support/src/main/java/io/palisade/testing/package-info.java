/**
 * The test set-up that every module shares: one real PostgreSQL database per test JVM, found by
 * {@link io.palisade.testing.PalisadeTestDatabase} and handed to every Spring test context automatically.
 */
package io.palisade.testing;
